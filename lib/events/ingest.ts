// Webhook ingest: verify on the raw body, validate, decide queued/skipped, store once (idempotent by
// the platform's event id), answer. The event is durable before the answer; delivery happens later.
import { loadConfigForWebhooks } from "@/lib/config/service";
import type { StoredAnswer } from "@/lib/db/queries/events";
import { findStoredCall } from "@/lib/db/queries/follow-ups";
import { clientKeyOf, clientKeys } from "@/lib/events/event-values";
import { stopListed, stopListReason } from "@/lib/stop-list/match";
import { randomBytes } from "node:crypto";
import type { SignedRequest } from "./signed-request";
import { MAX_BODY_BYTES, parseJsonText } from "@/lib/net/limited-body";
import { AppError } from "@/lib/errors";
import { admitWebhook } from "@/lib/quotas/tenant-quotas";
import { addLogContext } from "@/lib/observability/context";
import { log } from "@/lib/observability/logger";
import { metrics } from "@/lib/observability/metrics";
import { currentTraceparent } from "@/lib/observability/tracing";
import { callIdOf, isFollowUp, occurredAt, parseEvent, schemaMessage, type ClientEvent, type FollowUpEvent, type PlatformEvent } from "@/lib/validation/platform-event";
import { storeEvent } from "./group-insert";
import { SIGNATURE_MISMATCH, verifySignature } from "./signature";
import { DELETED_MESSAGE, DELETED_PROJECT, webhookProject, type WebhookProject } from "./webhook-project";

export type IngestInput = SignedRequest;

const UNKNOWN_PROJECT_SECRET = randomBytes(32).toString("hex");

type Authenticated = { project: WebhookProject; body: unknown };

/**
 * Every signed webhook: size limit, known project, a valid signature on the raw body, then JSON.
 * Answers without a promise when the project is in memory: every await costs on this hot path.
 */
export function authenticateWebhook(input: IngestInput): Authenticated | Promise<Authenticated> {
  if (Buffer.byteLength(input.rawBody) > MAX_BODY_BYTES) throw new AppError("PAYLOAD_TOO_LARGE", "The request is larger than 256 KiB.");
  const known = webhookProject(input.projectKey);
  return known instanceof Promise ? known.then((project) => verifiedBody(project, input)) : verifiedBody(known, input);
}

function verifiedBody(project: WebhookProject | typeof DELETED_PROJECT | null, input: IngestInput): Authenticated {
  // A deleted project's secret is gone with it: nothing to check, and the platform should stop sending.
  if (project === DELETED_PROJECT) throw new AppError("NOT_FOUND", DELETED_MESSAGE);
  // An unknown project is checked against a secret nobody has, so it answers exactly as a wrong
  // signature does: project keys cannot be found by trying.
  const check = verifySignature(project?.webhookSecret ?? UNKNOWN_PROJECT_SECRET, { timestamp: input.timestamp, signature: input.signature }, input.rawBody);
  if (!check.ok || !project) throw new AppError("UNAUTHENTICATED", check.ok ? SIGNATURE_MISMATCH : check.reason);
  return { project, body: parseJsonText(input.rawBody) };
}

export async function ingestEvent(input: IngestInput): Promise<{ created: boolean; answer: StoredAnswer }> {
  const authenticated = authenticateWebhook(input);
  const { project, body } = authenticated instanceof Promise ? await authenticated : authenticated;
  // After the signature (a stranger cannot spend a project's budget), before anything is stored: a 429
  // leaves the event with the platform, which sends it again after Retry-After.
  const admitted = admitWebhook(project.id);
  if (admitted) await admitted;
  const parsed = parseEvent(body);
  if (!parsed.ok) throw new AppError("VALIDATION", schemaMessage("The event", parsed.issues), parsed.issues);
  return acceptEvent(project, parsed.event);
}

type Accepting = Pick<WebhookProject, "id" | "defaultCountry" | "concurrency">;

/** A call, form or chat: its client's keys, and skipped when its line is stop-listed (F9). */
async function clientRow(project: Accepting, event: ClientEvent) {
  const known = loadConfigForWebhooks(project.id);
  const config = known instanceof Promise ? await known : known;
  const listed = event.type === "call" ? stopListed(event.line, config.stopList, project.defaultCountry) : null;
  // The client's phone is normalised once: it is both the stored E.164 and the delivery queue's key.
  const keys = clientKeys(event, config.forms, project.defaultCountry);
  return {
    status: listed ? ("skipped" as const) : ("queued" as const),
    reason: listed ? stopListReason(listed) : null,
    clientPhone: keys.phone,
    clientKey: clientKeyOf(event, keys),
    clientEmail: keys.email,
    callId: event.type === "call" ? callIdOf(event) : null,
  };
}

/**
 * A recording or summary (F19) goes on its call's client queue, behind the call's phases; before any
 * phase of the call has arrived, on a queue of the call's own (it waits for the call log at delivery).
 * A call that was skipped (stop-list) has its recording and summary skipped for the same reason.
 */
async function followUpRow(project: Accepting, event: FollowUpEvent) {
  const call = await findStoredCall(project.id, event.callId);
  const skipped = call?.skipped ?? null;
  return { status: skipped ? ("skipped" as const) : ("queued" as const), reason: skipped, clientPhone: null, clientKey: call?.clientKey ?? `call:${event.callId}`, clientEmail: null, callId: event.callId };
}

/** A valid event of a known project: queued or skipped (stop-list), stored once with its delivery job. */
export async function acceptEvent(project: Accepting, event: PlatformEvent): Promise<{ created: boolean; answer: StoredAnswer }> {
  const row = isFollowUp(event) ? await followUpRow(project, event) : await clientRow(project, event);
  const listed = row.status === "skipped";
  const stored = await storeEvent({
    projectId: project.id,
    externalId: event.id,
    type: event.type,
    payload: event,
    ...row,
    occurredAt: occurredAt(event),
    concurrency: project.concurrency,
    traceparent: currentTraceparent(),
  });
  addLogContext({ eventId: stored.answer.eventId, projectId: project.id });
  if (stored.created) metrics().eventsReceived.inc({ type: event.type, status: stored.answer.status });
  if (stored.created && listed) metrics().eventsSkipped.inc({ type: event.type, crm: "none" });
  log("ingest").info({ type: event.type, status: stored.answer.status, created: stored.created }, stored.created ? "event accepted" : "event already stored");
  return stored;
}
