// Text the server produces for people (a delivery's trace lines, the responsible-manager answers) kept as a
// message key with its values, so that each admin reads it in their own language. Its English is what
// logs, the API and older stored rows show.
import { MESSAGES, translator, type MessageKey, type Translate } from "./config";

export type WordValue = string | number | Words | Words[];

export interface Words {
  key: MessageKey;
  /** A value that is words itself (an entity's name, a reason) is said in the same language; a list is joined. */
  values?: Record<string, WordValue>;
}

export const words = (key: MessageKey, values?: Record<string, WordValue>): Words => (values ? { key, values } : { key });

// Stored words come back from JSON: anything that is not a value or words is said as nothing.
const sayValue = (t: Translate, value: WordValue): string | number =>
  Array.isArray(value) ? value.map((item) => sayValue(t, item)).join(", ") : value && typeof value === "object" ? say(t, value) : typeof value === "string" || typeof value === "number" ? value : "";

/** The words in the language `t` speaks. */
export function say(t: Translate, text: Words): string {
  // Stored by another version: its key may be gone; the key itself beats an empty line.
  if (typeof text.key !== "string" || !(text.key in MESSAGES.en)) return String(text.key ?? "");
  const values = text.values ? Object.fromEntries(Object.entries(text.values).map(([name, value]) => [name, sayValue(t, value)])) : undefined;
  return t(text.key, values);
}

const english = translator("en");
export const inEnglish = (text: Words): string => say(english, text);

/** Words read back from storage, checked: a key this version does not have (or anything else) is not words. */
export function storedWords(value: unknown): Words | null {
  if (!value || typeof value !== "object") return null;
  const { key, values } = value as { key?: unknown; values?: unknown };
  if (typeof key !== "string" || !(key in MESSAGES.en)) return null;
  if (values !== undefined && (typeof values !== "object" || values === null)) return null;
  return value as Words;
}
