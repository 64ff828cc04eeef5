// The app's JSON columns (an event's payload and trace, the configuration document, routing answers, the
// sandbox CRMs' records): what is written into them and what they are read back as. Prisma's JSON types and
// the casts between them and the app's own types stay in this file; the rest of the app passes plain objects
// and reads typed values.
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Words } from "@/lib/i18n/words";
import type { PlatformEvent } from "@/lib/validation/platform-event";

/** Any object the app writes into a JSON column (it was built from validated input or by our own code). */
export type JsonDocument = object;

/** How a document is handed to Prisma for a JSON column. */
export const toJson = (value: JsonDocument): Prisma.InputJsonValue => value as Prisma.InputJsonValue;

/** What a JSON column holds when read back. */
export type StoredJson = Prisma.JsonValue;

/** One CRM operation of a delivery, as stored in the event's trace and shown on the Events page. */
export interface TraceEntry {
  op: string;
  /** In English, for logs and the API (and all that rows stored before `words` have). */
  detail: string;
  /** The same line as a message key with its values, said in the admin's language on the Events page. */
  words?: Words;
  ok: boolean;
  /** The CRM's id of what was created or updated. */
  id?: string;
  /**
   * What the step did ("create:deal", "callLog" …), so a retry skips what an earlier attempt completed
   * even when the new plan differs (the retry finds what the first attempt created).
   */
  step?: string;
  error?: string;
  at: string;
  /** The CRM connection the step ran on; a retry on another connection shows and reuses none of them. */
  connection?: string;
}

/** An event's stored trace; an event not yet tried has none. */
export const traceOf = (trace: StoredJson | undefined): TraceEntry[] => (Array.isArray(trace) ? (trace as unknown as TraceEntry[]) : []);

/** An event's stored payload: validated by the webhook (lib/validation/platform-event.ts) before it was stored. */
export const payloadOf = (payload: StoredJson): PlatformEvent => payload as unknown as PlatformEvent;

/** A stored object of a shape our own code wrote (a sandbox record, sandbox credentials). */
export const documentOf = <T extends object = Record<string, unknown>>(value: StoredJson): T => value as unknown as T;
