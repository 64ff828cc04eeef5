// What a failed delivery attempt comes to, and the reason stored on the event: never empty (the Events
// page shows it in the admin's language through lib/events/reason.ts, with the CRM's own words beside it).
import { crmErrorKind } from "@/lib/errors";
import { CONFIG_RETRY_MS } from "@/lib/integrations/config-error";
import { givesUp, nextAttemptDelay } from "./backoff";

const MAX_REASON = 1_000;

/** Anything thrown, as words: the error's message and the CRM's own detail, or what the value was. */
export function failureText(thrown: unknown): string {
  let text = "";
  if (typeof thrown === "object" && thrown !== null) {
    const { message, details, name } = thrown as { message?: unknown; details?: { crmDetail?: unknown }; name?: unknown };
    text = typeof message === "string" ? message.trim() : "";
    const detail = typeof details?.crmDetail === "string" ? details.crmDetail.trim() : "";
    if (detail && !text.includes(detail)) text = text ? `${text} (${detail})` : detail;
    if (!text) text = `unexpected ${typeof name === "string" && name ? name : "error"}: ${safeJson(thrown)}`;
  } else if (typeof thrown === "string" && thrown.trim()) text = thrown.trim();
  else text = `unexpected error: ${String(thrown)}`;
  return text.length > MAX_REASON ? `${text.slice(0, MAX_REASON - 1)}…` : text;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value)?.slice(0, 300) ?? String(value);
  } catch {
    return String(value);
  }
}

/** The stored reason of an event waiting for a CRM quota's reset (read back by lib/events/reason.ts). */
export const quotaPauseReason = (quota: string, until: Date, crmWords: string) => `quota: ${quota} until ${until.toISOString()}: ${crmWords || "the CRM's quota is used up"}`;


/** The stored reason of an event this server's configuration kept from the CRM (read back by lib/events/reason.ts). */
export const configurationReason = (problem: string) => `configuration: ${problem}`;

/** What a failed delivery attempt comes to; the worker carries it out (pure: tested without a CRM). */
export type FailureOutcome =
  /** The CRM refused our credentials: the integration is broken, the event waits without an attempt burnt. */
  | { action: "broken"; reason: string }
  /** The CRM account's quota ran out: the project pauses until `resumeAt`, the event waits, no attempt burnt. */
  | { action: "pause"; quota: string; resumeAt: Date; crmWords: string; reason: string }
  /**
   * This process's own configuration refused the request before anything reached the CRM (egress, the
   * sandbox off here): not the CRM's refusal, so the integration stays active and shows the problem; the
   * event waits without an attempt burnt and is tried again at `retryAt` (a fixed settings change fixes it).
   */
  | { action: "config"; problem: string; reason: string; retryAt: Date }
  /** The CRM rejected the data itself: retrying cannot help. */
  | { action: "fail"; reason: string }
  /** Retried for about 3 days already. */
  | { action: "dead"; reason: string }
  /** Try again at `retryAt`; `unexpected` when the code did not recognise what was thrown (logged). */
  | { action: "retry"; reason: string; retryAt: Date; unexpected: boolean };

/**
 * Decides from the thrown value's `kind` field (never `instanceof`: separately compiled bundles each have
 * their own classes); whatever is not recognised is retried with backoff, never failed for good.
 */
export function failureOutcome(thrown: unknown, event: { attempts: number; occurredAt: Date }, now = new Date(), random: () => number = Math.random): FailureOutcome {
  const kind = crmErrorKind(thrown);
  const reason = failureText(thrown);
  if (kind === "auth") return { action: "broken", reason: `paused: ${reason}` };
  if (kind === "quota") {
    const { quota, resumeAt } = thrown as { quota: unknown; resumeAt: unknown };
    const until = new Date(resumeAt as string | number | Date);
    // A quota error without a usable reset time still pauses, and looks again in an hour.
    const at = Number.isNaN(until.getTime()) || until.getTime() <= now.getTime() ? new Date(now.getTime() + 60 * 60_000) : until;
    const message = (thrown as { message: string }).message;
    return { action: "pause", quota: typeof quota === "string" ? quota : "daily_budget", resumeAt: at, crmWords: message, reason: quotaPauseReason(typeof quota === "string" ? quota : "daily_budget", at, message) };
  }
  if (kind === "config") {
    const problem = (thrown as { message: string }).message;
    return { action: "config", problem, reason: configurationReason(problem), retryAt: new Date(now.getTime() + CONFIG_RETRY_MS * (0.8 + 0.4 * random())) };
  }
  if (kind === "permanent") return { action: "fail", reason };
  if (givesUp(event.occurredAt, now)) return { action: "dead", reason: `gave up after ${event.attempts + 1} attempts: ${reason}` };
  const retryAfterMs = kind === "retryable" ? (thrown as { retryAfterMs?: unknown }).retryAfterMs : undefined;
  const delay = nextAttemptDelay(event.attempts + 1, typeof retryAfterMs === "number" ? retryAfterMs : undefined, random);
  return { action: "retry", reason: kind === null ? `unexpected error, tried again later: ${reason}` : reason, retryAt: new Date(now.getTime() + delay), unexpected: kind === null };
}
