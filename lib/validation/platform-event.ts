// The event bodies the platform posts (PRODUCT.md §3), validated at the edge. Unknown keys are kept in
// `variables`, so that mappings and stage rules can use whatever the platform sends.
import { z } from "zod";
import { CALL_PHASES, type CallPhase } from "@/lib/validation/vocabulary";
import { englishMessage } from "@/lib/i18n/config";
import { text, TEXT_MAX } from "@/lib/validation/text";

const isoDate = z.iso.datetime({ offset: true, error: "must be an ISO 8601 date-time, e.g. 2026-11-21T10:00:00Z" });
const value = text(TEXT_MAX.value);
const utm = z.object({ source: value.optional(), medium: value.optional(), campaign: value.optional(), term: value.optional(), content: value.optional() }).partial();
const employee = z.object({ sip: text(TEXT_MAX.id).min(1), email: text(TEXT_MAX.email).optional(), name: text(TEXT_MAX.name).optional() });
/** Keys are checked too: PostgreSQL refuses NUL in a JSON key as in a value. */
const variables = z.record(text(TEXT_MAX.key), value);
const eventId = text(TEXT_MAX.id).trim().min(1, "is required");
const phone = text(TEXT_MAX.phone).trim().min(1, "is required");
const url = text(TEXT_MAX.url);

const callKeys = ["id", "type", "callId", "phase", "direction", "status", "startedAt", "endedAt", "durationSec", "waitSec", "caller", "callee", "line", "employee", "pool", "recordingUrl", "utm", "clientId", "landingPage", "referrer", "variables"];
const formKeys = ["id", "type", "submittedAt", "formName", "pageUrl", "fields", "clientId", "utm", "variables"];
const recordingKeys = ["id", "type", "callId", "recordingUrl", "durationSec"];
const summaryKeys = ["id", "type", "callId", "summary", "transcript", "sentiment", "tags"];
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

// F19: a call arrives in phases that share its `callId`. `completed` is the default, so the platform's
// events of today (one per ended call, no phase) keep their meaning.
export { CALL_PHASES, type CallPhase };

const callFields = z.object({
    id: eventId,
    type: z.literal("call"),
    /** The platform's id of the call, shared by its phases and by its later recording and summary. */
    callId: eventId.optional().describe("The platform's id of the call, shared by its phases (default: this event's id)."),
    phase: z.enum(CALL_PHASES).default("completed").describe("ringing, answered (picked up, in progress) or completed (the default)."),
    direction: z.enum(["incoming", "outgoing"]),
    /** Answered or missed is only known once the call has ended. */
    status: z.enum(["answered", "missed"]).optional().describe('Required when phase is "completed": a ringing or in-progress call has no outcome yet.'),
    startedAt: isoDate,
    endedAt: isoDate.optional(),
    durationSec: z.number().int().min(0).optional(),
    waitSec: z.number().int().min(0).optional(),
    caller: phone,
    callee: phone,
    line: text(TEXT_MAX.line).trim().min(1, "is required"),
    employee: employee.optional(),
    pool: text(TEXT_MAX.name).optional(),
    recordingUrl: url.pipe(z.url()).optional(),
    utm: utm.optional(),
    clientId: text(TEXT_MAX.id).optional(),
    landingPage: url.optional(),
    referrer: url.optional(),
    variables: variables.optional(),
  });

export const callEventSchema = z.preprocess(
  keepUnknown(callKeys),
  callFields
    .superRefine((call, context) => {
      if (call.phase === "completed" && !call.status) context.addIssue({ code: "custom", path: ["status"], message: 'is required when the call has completed (phase "completed", the default)' });
    })
    // One name for the call whatever the platform sent: a call without phases is its own call.
    .transform((call) => ({ ...call, callId: call.callId ?? call.id })),
);

export const formEventSchema = z.preprocess(
  keepUnknown(formKeys),
  z.object({
    id: eventId,
    type: z.literal("form"),
    submittedAt: isoDate,
    formName: text(TEXT_MAX.name).optional(),
    pageUrl: url.optional(),
    fields: variables,
    clientId: text(TEXT_MAX.id).optional(),
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
    client: z.object({ messengerId: text(TEXT_MAX.id).min(1), name: text(TEXT_MAX.name).optional(), phone: text(TEXT_MAX.phone).optional() }),
    employee: employee.optional(),
    clientId: text(TEXT_MAX.id).optional(),
    utm: utm.optional(),
    chatUrl: url.optional(),
    variables: variables.optional(),
  }),
);

// F19: what the platform learns about a call after it ended (its recording, its AI analysis) comes as
// events of their own, naming the call; they update the call's record once its log is in the CRM.
export const SENTIMENTS = ["positive", "neutral", "negative"] as const;
/** A transcript may be long (an hour's call); the CRM's field limits trim what is written, not this. */
const LONG_TEXT_MAX = 200_000;

export const recordingEventSchema = z.object({
  id: eventId,
  type: z.literal("recording"),
  callId: eventId.describe("The call (its callId, or its id when it was sent without phases) the recording belongs to."),
  recordingUrl: url.pipe(z.url()),
  durationSec: z.number().int().min(0).optional(),
});

export const summaryEventSchema = z.object({
  id: eventId,
  type: z.literal("summary"),
  callId: eventId.describe("The call (its callId, or its id when it was sent without phases) the summary is about."),
  summary: text(LONG_TEXT_MAX).trim().min(1, "is required"),
  transcript: text(LONG_TEXT_MAX).optional(),
  sentiment: z.enum(SENTIMENTS).optional(),
  tags: z.array(text(TEXT_MAX.name).trim().min(1)).max(50).optional(),
});

export type CallEvent = z.infer<typeof callEventSchema>;
export type RecordingEvent = z.infer<typeof recordingEventSchema>;
export type SummaryEvent = z.infer<typeof summaryEventSchema>;
/** The events that update a call's record after it ended. */
export type FollowUpEvent = RecordingEvent | SummaryEvent;
export const isFollowUp = (event: { type: string }): event is FollowUpEvent => event.type === "recording" || event.type === "summary";
export type FormEvent = z.infer<typeof formEventSchema>;
export type MessengerEvent = z.infer<typeof messengerEventSchema>;
/** The events that reach the CRM as entities of a client (a call, a form, a chat). */
export type ClientEvent = CallEvent | FormEvent | MessengerEvent;
export type PlatformEvent = ClientEvent | FollowUpEvent;

// Follow-ups take no unknown keys into variables: they carry no client and no mapping reads them as such.
const BY_TYPE = {
  call: callEventSchema,
  form: formEventSchema,
  messenger: messengerEventSchema,
  recording: z.preprocess(keepUnknown(recordingKeys), recordingEventSchema.extend({ variables: variables.optional() })),
  summary: z.preprocess(keepUnknown(summaryKeys), summaryEventSchema.extend({ variables: variables.optional() })),
} as const;

/** A refused record key (variables, form fields) says what is wrong with the key, not only that it is. */
function issueMessage(issue: z.core.$ZodIssue): string {
  const inner = issue.code === "invalid_key" ? issue.issues[0] : undefined;
  return inner ? `has a key that ${englishMessage(inner.message)}` : issue.message;
}

export function parseEvent(body: unknown): { ok: true; event: PlatformEvent } | { ok: false; issues: Array<{ path: string; message: string }> } {
  const type = body && typeof body === "object" ? (body as { type?: unknown }).type : undefined;
  const schema = typeof type === "string" && type in BY_TYPE ? BY_TYPE[type as keyof typeof BY_TYPE] : null;
  if (!schema) return { ok: false, issues: [{ path: "type", message: 'must be "call", "form", "messenger", "recording" or "summary"' }] };
  const parsed = schema.safeParse(body);
  // Messages may be i18n keys (the shared string checks of lib/validation/text.ts): answered in English.
  if (!parsed.success) return { ok: false, issues: parsed.error.issues.map((issue) => ({ path: issue.path.join("."), message: englishMessage(issueMessage(issue)) })) };
  return { ok: true, event: parsed.data };
}

/** "The event does not match its schema: line must be at most 128 characters (and 2 more problems)." */
export function schemaMessage(subject: string, issues: Array<{ path: string; message: string }>): string {
  const [first, ...more] = issues;
  if (!first) return `${subject} does not match its schema.`;
  const rest = more.length ? ` (and ${more.length} more problem${more.length === 1 ? "" : "s"})` : "";
  return `${subject} does not match its schema: ${first.path || "the body"} ${first.message}${rest}.`;
}

/** When it happened; a recording or summary carries no time of its own: it happened when it arrived. */
export function occurredAt(event: PlatformEvent, receivedAt: Date = new Date()): Date {
  if (isFollowUp(event)) return receivedAt;
  return new Date(event.type === "call" ? event.startedAt : event.type === "form" ? event.submittedAt : event.sentAt);
}

/** Events stored before phases existed have neither field: they are completed calls, each its own call. */
export const phaseOf = (event: CallEvent): CallPhase => event.phase ?? "completed";
export const callIdOf = (event: CallEvent): string => event.callId ?? event.id;
