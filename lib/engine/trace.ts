import type { TraceEntry } from "@/lib/db/json";
import { inEnglish, words, type Words } from "@/lib/i18n/words";

// The stored shape lives with the other JSON columns (lib/db/json.ts); the engine writes it.
export type { TraceEntry };

/** Runs one CRM call and records it, with its error when it fails. */
export async function traced<T>(context: { trace: TraceEntry[] }, op: string, text: Words, run: () => Promise<T>): Promise<T> {
  const line = { op, detail: inEnglish(text), words: text };
  try {
    const result = await run();
    context.trace.push({ ...line, ok: true, at: new Date().toISOString() });
    return result;
  } catch (error) {
    context.trace.push({ ...line, ok: false, error: (error as Error).message, at: new Date().toISOString() });
    throw error;
  }
}

/**
 * A step that is not a CRM call (a cache hit, a decision), recorded for the Events page. A string is a
 * reason as events store it (a live call's phase decision), which lib/events/reason.ts says in words.
 */
export function note(context: { trace: TraceEntry[] }, op: string, text: Words | string, ok = true) {
  const line = typeof text === "string" ? { detail: text } : { detail: inEnglish(text), words: text };
  context.trace.push({ op, ...line, ok, at: new Date().toISOString() });
}

type TracedKind = "lead" | "contact" | "organization" | "deal" | "task" | "call";

/** An entity kind as a trace line names it ("contact"; "Контакт" where the line starts with it). */
export const kindWords = (kind: TracedKind): Words => words(`trace.kind.${kind}`);
