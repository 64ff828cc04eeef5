// Every string the app takes from outside (webhooks, lookups, configuration documents, server actions)
// is built here, so that each is refused at the edge, naming its field, when PostgreSQL could not store
// it (NUL, U+0000, in text or JSON; an unpaired UTF-16 surrogate in JSON) or when it is longer than its
// field can sensibly be. A value that passed validation never fails a database statement shared with
// other tenants' rows (lib/events/group-insert.ts).
import { z } from "zod";

/** Sensible maximum lengths, in UTF-16 units (what String.length counts). */
export const TEXT_MAX = {
  /** A phone number as typed, with separators and an extension. */
  phone: 64,
  /** A PBX line: a SIP login or a number. */
  line: 128,
  /** Ids: the platform's event ids, messenger ids, SIP logins, CRM ids. */
  id: 200,
  /** People's, forms' and records' names. */
  name: 200,
  email: 254,
  /** Variable and field names. */
  key: 100,
  /** A variable's, a form field's or a UTM tag's value. */
  value: 4000,
  url: 2048,
} as const;

/** The i18n key of the character error (lib/i18n/messages). */
export const UNSTORABLE_TEXT = "validation.unstorableText";

/** Whether PostgreSQL can store the string as text and inside JSON. */
export const isStorableText = (value: string) => !value.includes("\u0000") && value.isWellFormed();

/**
 * A string refused when it holds NUL or an unpaired surrogate, or has more than `max` units. Chain
 * further checks (`.trim().min(1)`) as on any z.string(); `messages` keep a schema's own wording.
 */
export function text(max: number, messages: { tooLong?: string; unstorable?: string; required?: string } = {}) {
  return z
    .string(messages.required ? { error: messages.required } : undefined)
    .max(max, messages.tooLong ?? `must be at most ${max} characters`)
    .refine(isStorableText, messages.unstorable ?? UNSTORABLE_TEXT);
}

/** An id the admin app gives a configuration row (stop-list entries, employees, rules). */
export const configId = text(64).trim().min(1);
