// One delivery job: pg-boss hands the worker (and a drain) one event at a time per client (key_strict_fifo
// on project + client), across every process; this finds, decides and executes the event through the
// project's connector, records the outcome on the event row (the log the Events page and replay read),
// and settles the job — done, or back to pg-boss for a retry at the app's own backoff.
import type { Job, PgBoss } from "pg-boss";
import { ttlCache } from "@/lib/cache/ttl";
import type { CrmMetadata } from "@/lib/config/crm-checks";
import { crmMetadata } from "@/lib/config/metadata";
import { onConfigChange } from "@/lib/config/changed";
import { loadConfig } from "@/lib/config/service";
import { findDeliverable, findEarlierQueued, finishEvent, type DeliverableEvent } from "@/lib/db/queries/events";
import { clearConfigError, findDeliveryGate, markIntegrationStatus, noteConfigError, pauseIntegration } from "@/lib/db/queries/integrations";
import { findProjectById } from "@/lib/db/queries/projects";
import { projectConnector } from "@/lib/integrations/connect";
import { isFollowUp } from "@/lib/validation/platform-event";
import { payloadOf, traceOf } from "@/lib/db/json";
import { CONCURRENCY_TIERS, concurrencyTier, DELIVERY_QUEUE } from "@/lib/jobs/boss";
import type { DeliveryJobData } from "@/lib/jobs/enqueue";
import type { CrmConnector, CrmKind } from "@/lib/connectors/types";
import type { IntegrationConfig } from "@/lib/validation/config";
import { nextAttemptDelay } from "./backoff";
import { deliverToCrm } from "./deliver";
import { callLogWritten } from "./follow-up";
import { releaseFollowUps, WAITING_FOR_CALL_LOG } from "@/lib/db/queries/follow-ups";
import { failureOutcome, failureText, quotaPauseReason } from "./failure-outcome";
import { evaluateAlertsSoon } from "@/lib/alerts/evaluate";
import { stopListed, stopListReason } from "@/lib/stop-list/match";
import type { TraceEntry } from "./trace";
import { observeOutcome, observeSteps } from "./delivery-metrics";
import { log } from "@/lib/observability/logger";

export interface DeliveryCounts {
  claimed: number;
  delivered: number;
  retrying: number;
  failed: number;
  dead: number;
  paused: number;
  /** Sent again while stop-listed (F9): skipped at delivery. */
  skipped: number;
}

/**
 * What one job came to: settled (complete the job), or the client waits for a retry at `retryAt` — after a
 * failure, or (`paused`) because the CRM account's quota ran out, which costs the event no attempt.
 */
export type JobOutcome = { kind: "settled"; counted?: keyof DeliveryCounts } | { kind: "retry"; retryAt: Date; paused?: boolean };

/** What every event of a project needs; kept for a moment, since a burst of events needs the same. */
interface ProjectRun {
  project: { id: string; defaultCountry: string; timezone: string; crmLanguage: string };
  connector: CrmConnector;
  integrationId: string;
  crm: CrmKind;
  connection: string;
  config: IntegrationConfig;
  configError: string | null;
  /** Read from the CRM on first use (it can fail like any CRM call), then shared. */
  metadata: () => Promise<CrmMetadata | null>;
}

const runs = ttlCache<ProjectRun | null>("delivery-runs", 2_000);
// A configuration saved in this process applies to the next delivery, not one a couple of seconds later.
onConfigChange((projectId) => runs.forget(projectId));

function projectRun(projectId: string): Promise<ProjectRun | null> {
  return runs.get(projectId, async () => {
    const [project, connection, config] = await Promise.all([findProjectById(projectId), projectConnector(projectId), loadConfig(projectId)]);
    if (!project || !connection) return null;
    let metadata: Promise<CrmMetadata | null> | undefined;
    return { project, ...connection, connection: `${connection.integrationId}:${connection.crm}:${connection.accountKey}`, config, metadata: () => (metadata ??= crmMetadata(projectId)) };
  });
}

const onConnection = (entries: TraceEntry[], connection: string) => entries.map((entry) => ({ ...entry, connection }));

/** One event through find → decide → execute; a retry of it is scheduled by the caller. */
async function deliverEvent(event: DeliverableEvent, run: ProjectRun): Promise<JobOutcome | "broken"> {
  const { project, config } = run;
  // Only this connection's earlier steps count: ids from another CRM or account mean nothing here.
  const previous = traceOf(event.trace).filter((entry) => entry.connection === undefined || entry.connection === run.connection);
  const trace: TraceEntry[] = [];
  const payload = payloadOf(event.payload);
  // F9 holds at delivery too: a call sent again while its line is stop-listed is skipped, unless the admin
  // chose to send it despite the stop-list.
  const listed = payload.type === "call" && payload.line && !event.sendDespiteStopList ? stopListed(payload.line, config.stopList, project.defaultCountry) : null;
  if (listed) {
    await finishEvent(event.id, { status: "skipped", reason: stopListReason(listed), nextAttemptAt: null, trace: previous, attempted: false });
    observeOutcome(event, run.crm, { outcome: "skipped" });
    return { kind: "settled", counted: "skipped" };
  }
  try {
    // Find, decide, execute (and a live call's phases, F19): lib/engine/deliver.ts.
    const plan = await deliverToCrm({ project, crm: run.crm, connector: run.connector, connection: run.connection, config, metadata: run.metadata, eventId: event.id, trace }, payload).finally(() =>
      observeSteps(event, run.crm, trace),
    );
    if (plan === "waiting" && isFollowUp(payload)) {
      // Settled until the call's log is written (its delivery hands this back); if the log was written on
      // another queue in the meantime, this hands itself back (the claim lets only one of the two win).
      // One "wait" line in the trace, however often the follow-up was looked at.
      await finishEvent(event.id, { status: "queued", reason: WAITING_FOR_CALL_LOG, nextAttemptAt: null, trace: [...previous.filter((entry) => entry.op !== "wait"), ...onConnection(trace, run.connection)], attempted: false });
      if (await callLogWritten(run, payload.callId)) await releaseFollowUps(project.id, payload.callId, event.id);
      return { kind: "settled" };
    }
    if (plan === "waiting") throw new Error("only a recording or summary waits for its call");
    // Steps completed by earlier attempts on this connection stay in the trace with their CRM ids.
    const kept = previous.filter((entry) => entry.ok && entry.step !== undefined);
    await finishEvent(event.id, { status: "delivered", reason: plan.notes.join("; ") || null, nextAttemptAt: null, trace: [...kept, ...onConnection(trace, run.connection)], attempted: true });
    observeOutcome(event, run.crm, { outcome: "delivered" });
    if (run.configError) await clearConfigError(run.integrationId);
    return { kind: "settled", counted: "delivered" };
  } catch (error) {
    const all = [...previous, ...onConnection(trace, run.connection)];
    const outcome = failureOutcome(error, event);
    observeOutcome(event, run.crm, outcome);
    switch (outcome.action) {
      case "broken":
        // Re-activation replays the waiting events or marks them skipped, as the admin chooses.
        await markIntegrationStatus(run.integrationId, "broken", failureText(error));
        runs.forget(project.id);
        evaluateAlertsSoon(project.id);
        await finishEvent(event.id, { status: "queued", reason: outcome.reason, nextAttemptAt: null, trace: all, attempted: false });
        return "broken";
      case "pause":
        // Every event of the project waits for the CRM's reset (checked before each delivery), none fails.
        await pauseIntegration(run.integrationId, outcome.resumeAt, `${outcome.quota}: ${outcome.crmWords}`);
        runs.forget(project.id);
        evaluateAlertsSoon(project.id);
        await finishEvent(event.id, { status: "queued", reason: outcome.reason, nextAttemptAt: outcome.resumeAt, trace: all, attempted: false });
        return { kind: "retry", retryAt: outcome.resumeAt, paused: true };
      case "config":
        // This process may not reach the CRM; the CRM refused nothing: the status stays, the event waits.
        await noteConfigError(run.integrationId, outcome.problem);
        runs.forget(project.id);
        await finishEvent(event.id, { status: "queued", reason: outcome.reason, nextAttemptAt: outcome.retryAt, trace: all, attempted: false });
        return { kind: "retry", retryAt: outcome.retryAt };
      case "fail":
        // The client's next event goes on.
        await finishEvent(event.id, { status: "failed", reason: outcome.reason, nextAttemptAt: null, trace: all, attempted: true });
        return { kind: "settled", counted: "failed" };
      case "dead":
        await finishEvent(event.id, { status: "dead", reason: outcome.reason, nextAttemptAt: null, trace: all, attempted: true });
        return { kind: "settled", counted: "dead" };
      case "retry":
        if (outcome.unexpected) log("delivery").error({ err: error, eventId: event.id }, "unexpected error in a delivery, retried");
        await finishEvent(event.id, { status: "failed", reason: outcome.reason, nextAttemptAt: outcome.retryAt, trace: all, attempted: true });
        return { kind: "retry", retryAt: outcome.retryAt };
    }
  }
}

const waitingStatuses = new Set(["queued", "failed"]);
/** Jobs paused by a quota resume within this long after the reset. */
const RESUME_SPREAD_MS = 5_000;

/**
 * The job of one event: its client's earlier events still waiting go first (they arrived later, or were
 * parked), then the event itself. Nothing to do when it was delivered meanwhile or settled otherwise.
 */
export async function processDelivery(data: DeliveryJobData): Promise<JobOutcome> {
  const event = await findDeliverable(data.eventId);
  if (!event || !waitingStatuses.has(event.status) || (event.status === "failed" && !event.nextAttemptAt)) return { kind: "settled" };
  const gate = await findDeliveryGate(event.projectId);
  const status = gate?.status ?? null;
  if (status === "active" && gate?.pausedUntil && gate.pausedUntil.getTime() > Date.now()) {
    // The CRM's quota is still used up: wait for its reset without touching the CRM or the attempts.
    // The clients' jobs resume spread over a few seconds, not all in the same instant.
    const [quota, ...words] = (gate.pauseReason ?? "daily_budget: paused").split(": ");
    await finishEvent(event.id, { status: "queued", reason: quotaPauseReason(quota!, gate.pausedUntil, words.join(": ")), nextAttemptAt: gate.pausedUntil, trace: traceOf(event.trace), attempted: false });
    return { kind: "retry", retryAt: new Date(gate.pausedUntil.getTime() + Math.round(Math.random() * RESUME_SPREAD_MS)), paused: true };
  }
  const run = status === "active" ? await projectRun(event.projectId) : null;
  if (!run) {
    // Parked: re-activation replays the window or skips it (F12); "Send again" enqueues it anew.
    await finishEvent(event.id, { status: "queued", reason: status ? `waiting: the integration is ${status}` : "waiting: no CRM connected", nextAttemptAt: null, trace: traceOf(event.trace), attempted: false });
    return { kind: "settled", counted: "paused" };
  }
  for (const { id } of await findEarlierQueued(event)) {
    const earlier = await findDeliverable(id);
    if (!earlier || earlier.status !== "queued") continue;
    const outcome = await deliverEvent(earlier, run);
    if (outcome === "broken") return { kind: "settled", counted: "paused" };
    if (outcome.kind === "retry") return outcome;
  }
  const outcome = await deliverEvent(event, run);
  return outcome === "broken" ? { kind: "settled", counted: "paused" } : outcome;
}

/** Not a CRM answer (the database away, a bug): tried again with the same backoff, never in a hot loop. */
export function unexpected(job: Job<DeliveryJobData>, error: unknown): JobOutcome {
  log("delivery").error({ err: error, eventId: job.data.eventId, jobId: job.id }, "delivery failed outside the CRM, retried");
  return { kind: "retry", retryAt: new Date(Date.now() + nextAttemptDelay(job.retryCount + 1)) };
}

/** Settles a job as its outcome says: done, or back to pg-boss for a retry at the app's own backoff. */
export async function settle(boss: PgBoss, job: Job<DeliveryJobData>, outcome: JobOutcome): Promise<void> {
  if (outcome.kind === "settled") {
    await boss.complete(DELIVERY_QUEUE, job);
    return;
  }
  // The job stays in `retry`, holding this client's later events back (key_strict_fifo) and no one else's.
  await boss.fail(DELIVERY_QUEUE, job, { retryAt: outcome.retryAt.toISOString() });
  await boss.update(DELIVERY_QUEUE, undefined, { id: job.id, startAfter: outcome.retryAt });
}

/** Jobs of one CRM account in flight at once, across all processes: the tier its jobs carry. */
export const GROUP_CONCURRENCY = { default: 10, tiers: Object.fromEntries(CONCURRENCY_TIERS.map((limit) => [concurrencyTier(limit), limit])) };
