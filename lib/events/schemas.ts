// The event bodies the platform posts (PRODUCT.md §3), validated at the edge. Unknown keys are kept in
// `variables`, so that mappings and stage rules can use whatever the platform sends.
import { z } from "zod";

const isoDate = z.iso.datetime({ offset: true, error: "must be an ISO 8601 date-time, e.g. 2026-11-21T10:00:00Z" });
const utm = z.object({ source: z.string().optional(), medium: z.string().optional(), campaign: z.string().optional(), term: z.string().optional(), content: z.string().optional() }).partial();
const employee = z.object({ sip: z.string().min(1), email: z.string().optional(), name: z.string().optional() });
const variables = z.record(z.string(), z.string());
const eventId = z.string().trim().min(1, "is required").max(200);

const callKeys = ["id", "type", "direction", "status", "startedAt", "endedAt", "durationSec", "waitSec", "caller", "callee", "line", "employee", "pool", "recordingUrl", "utm", "clientId", "landingPage", "referrer", "variables"];
const formKeys = ["id", "type", "submittedAt", "formName", "pageUrl", "fields", "clientId", "utm", "variables"];
const messengerKeys = ["id", "type", "channel", "sentAt", "client", "employee", "clientId", "utm", "chatUrl", "variables"];

/** Keys outside the schema go to `variables` (as strings), instead of being dropped. */
function keepUnknown(known: string[]) {
  return (input: unknown) => {
    if (!input || typeof input !== "object" || Array.isArray(input)) return input;
    const record = input as Record<string, unknown>;
    const extra = Object.entries(record).filter(([key, value]) => !known.includes(key) && value !== null && value !== undefined);
    if (!extra.length) return record;
    const given = record.variables && typeof record.variables === "object" ? (record.variables as Record<string, unknown>) : {};
    return {
      ...Object.fromEntries(Object.entries(record).filter(([key]) => known.includes(key))),
      variables: { ...Object.fromEntries(extra.map(([key, value]) => [key, typeof value === "string" ? value : JSON.stringify(value)])), ...given },
    };
  };
}

export const callEventSchema = z.preprocess(
  keepUnknown(callKeys),
  z.object({
    id: eventId,
    type: z.literal("call"),
    direction: z.enum(["incoming", "outgoing"]),
    status: z.enum(["answered", "missed"]),
    startedAt: isoDate,
    endedAt: isoDate.optional(),
    durationSec: z.number().int().min(0).optional(),
    waitSec: z.number().int().min(0).optional(),
    caller: z.string().trim().min(1, "is required"),
    callee: z.string().trim().min(1, "is required"),
    line: z.string().trim().min(1, "is required"),
    employee: employee.optional(),
    pool: z.string().optional(),
    recordingUrl: z.url().optional(),
    utm: utm.optional(),
    clientId: z.string().optional(),
    landingPage: z.string().optional(),
    referrer: z.string().optional(),
    variables: variables.optional(),
  }),
);

export const formEventSchema = z.preprocess(
  keepUnknown(formKeys),
  z.object({
    id: eventId,
    type: z.literal("form"),
    submittedAt: isoDate,
    formName: z.string().optional(),
    pageUrl: z.string().optional(),
    fields: z.record(z.string(), z.string()),
    clientId: z.string().optional(),
    utm: utm.optional(),
    variables: variables.optional(),
  }),
);

export const messengerEventSchema = z.preprocess(
  keepUnknown(messengerKeys),
  z.object({
    id: eventId,
    type: z.literal("messenger"),
    channel: z.enum(["telegram", "viber", "facebook"]),
    sentAt: isoDate,
    client: z.object({ messengerId: z.string().min(1), name: z.string().optional(), phone: z.string().optional() }),
    employee: employee.optional(),
    clientId: z.string().optional(),
    utm: utm.optional(),
    chatUrl: z.string().optional(),
    variables: variables.optional(),
  }),
);

export type CallEvent = z.infer<typeof callEventSchema>;
export type FormEvent = z.infer<typeof formEventSchema>;
export type MessengerEvent = z.infer<typeof messengerEventSchema>;
export type PlatformEvent = CallEvent | FormEvent | MessengerEvent;

const BY_TYPE = { call: callEventSchema, form: formEventSchema, messenger: messengerEventSchema } as const;

export function parseEvent(body: unknown): { ok: true; event: PlatformEvent } | { ok: false; issues: Array<{ path: string; message: string }> } {
  const type = body && typeof body === "object" ? (body as { type?: unknown }).type : undefined;
  const schema = typeof type === "string" && type in BY_TYPE ? BY_TYPE[type as keyof typeof BY_TYPE] : null;
  if (!schema) return { ok: false, issues: [{ path: "type", message: 'must be "call", "form" or "messenger"' }] };
  const parsed = schema.safeParse(body);
  if (!parsed.success) return { ok: false, issues: parsed.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message })) };
  return { ok: true, event: parsed.data };
}

export function occurredAt(event: PlatformEvent): Date {
  return new Date(event.type === "call" ? event.startedAt : event.type === "form" ? event.submittedAt : event.sentAt);
}
