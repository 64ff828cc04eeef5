// Locales the UI speaks, and how a message is formatted. Shared by server and client code.
import { IntlMessageFormat } from "intl-messageformat";
import { en, type MessageKey, type Messages } from "./messages/en";
import { pl } from "./messages/pl";
import { uk } from "./messages/uk";

export const LOCALES = ["en", "uk", "pl"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";
export const LOCALE_COOKIE = "cb_locale";

export const MESSAGES: Record<Locale, Messages> = { en, uk, pl };

export const isLocale = (value: unknown): value is Locale => typeof value === "string" && (LOCALES as readonly string[]).includes(value);

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** Messages with ICU plural or select arguments (`{count, plural, one {…} few {…} other {…}}`). */
const ICU_ARGUMENT = /\{\s*\w+\s*,\s*(?:plural|select|selectordinal)\s*,/;
const compiled = new Map<string, IntlMessageFormat>();

/**
 * A message with its values. Counted messages are ICU MessageFormat (FormatJS), so each language gets its
 * own plural forms (Ukrainian and Polish have one, few and many); plain `{name}` values are replaced as they are.
 */
function format(locale: Locale, key: MessageKey, text: string, vars: Record<string, string | number> | undefined): string {
  if (ICU_ARGUMENT.test(text)) {
    const id = `${locale}|${key}`;
    let message = compiled.get(id);
    if (!message) compiled.set(id, (message = new IntlMessageFormat(text, locale)));
    return String(message.format(vars ?? {}));
  }
  return vars ? text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole)) : text;
}

export function translator(locale: Locale): Translate {
  const messages = MESSAGES[locale];
  return (key, vars) => (messages[key] ? format(locale, key, messages[key], vars) : format("en", key, en[key], vars));
}

/** Validation messages are i18n keys; anything else (a server message) is shown as it is. */
export function translateMessage(t: Translate, message: string | undefined): string | undefined {
  return message && message in en ? t(message as MessageKey) : message;
}

/** English text of a validation message, for the API and the CLI. */
export const englishMessage = (message: string) => translateMessage(translator("en"), message) ?? message;

/** Picks the best supported locale from an Accept-Language header. */
export function localeFromAcceptLanguage(header: string | null): Locale {
  for (const part of (header ?? "").split(",")) {
    const tag = part.split(";")[0]?.trim().toLowerCase().slice(0, 2);
    if (isLocale(tag)) return tag;
  }
  return DEFAULT_LOCALE;
}

export type { MessageKey };

/** A key built from data (an audit action, a CRM's column name): its translation when the catalogue has one, else `fallback`. */
export const translateKnown = (t: Translate, key: string, fallback: string) => (key in MESSAGES.en ? t(key as MessageKey) : fallback);
