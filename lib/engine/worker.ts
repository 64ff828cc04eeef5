// The delivery worker: pg-boss hands it one event at a time per client (key_strict_fifo on project +
// client), across every process; it finds, decides and executes the event through the project's
// connector and records the outcome on the event row (the log the Events page and replay read).
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
import { isFollowUp, type PlatformEvent } from "@/lib/events/schemas";
import { CONCURRENCY_TIERS, concurrencyTier, DELIVERY_QUEUE, DISPATCH_POLL_MS, JOB_SCHEMA, jobs, listenNotify } from "@/lib/jobs/boss";
import type { DeliveryJobData } from "@/lib/jobs/enqueue";
import { fetchFair, startFairLanes } from "@/lib/jobs/fair-lanes";
import { LaneShares } from "@/lib/jobs/lane-shares";
import type { CrmConnector, CrmKind } from "@/lib/connectors/types";
import type { IntegrationConfig } from "@/lib/validation/config";
import { nextAttemptDelay } from "./backoff";
import { deliverToCrm } from "./deliver";
import { callLogWritten } from "./follow-up";
import { releaseFollowUps, WAITING_FOR_CALL_LOG } from "@/lib/db/queries/follow-ups";
import { failureOutcome, failureText, quotaPauseReason } from "./failure-outcome";
import { evaluateAlertsSoon, evaluateAllAlerts } from "@/lib/alerts/evaluate";
import { stopListed, stopListReason } from "@/lib/stop-list/match";
import type { TraceEntry } from "./trace";
import { lanesOpened, observeOutcome, observeSteps, observedJob } from "@/lib/engine/delivery-metrics";
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
type JobOutcome = { kind: "settled"; counted?: keyof DeliveryCounts } | { kind: "retry"; retryAt: Date; paused?: boolean };

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

const traceOf = (event: DeliverableEvent) => (Array.isArray(event.trace) ? event.trace : []) as unknown as TraceEntry[];
const onConnection = (entries: TraceEntry[], connection: string) => entries.map((entry) => ({ ...entry, connection }));

/** One event through find → decide → execute; a retry of it is scheduled by the caller. */
async function deliverEvent(event: DeliverableEvent, run: ProjectRun): Promise<JobOutcome | "broken"> {
  const { project, config } = run;
  // Only this connection's earlier steps count: ids from another CRM or account mean nothing here.
  const previous = traceOf(event).filter((entry) => entry.connection === undefined || entry.connection === run.connection);
  const trace: TraceEntry[] = [];
  const payload = event.payload as unknown as PlatformEvent;
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
    await finishEvent(event.id, { status: "queued", reason: quotaPauseReason(quota!, gate.pausedUntil, words.join(": ")), nextAttemptAt: gate.pausedUntil, trace: traceOf(event), attempted: false });
    return { kind: "retry", retryAt: new Date(gate.pausedUntil.getTime() + Math.round(Math.random() * RESUME_SPREAD_MS)), paused: true };
  }
  const run = status === "active" ? await projectRun(event.projectId) : null;
  if (!run) {
    // Parked: re-activation replays the window or skips it (F12); "Send again" enqueues it anew.
    await finishEvent(event.id, { status: "queued", reason: status ? `waiting: the integration is ${status}` : "waiting: no CRM connected", nextAttemptAt: null, trace: traceOf(event), attempted: false });
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
function unexpected(job: Job<DeliveryJobData>, error: unknown): JobOutcome {
  log("delivery").error({ err: error, eventId: job.data.eventId, jobId: job.id }, "delivery failed outside the CRM, retried");
  return { kind: "retry", retryAt: new Date(Date.now() + nextAttemptDelay(job.retryCount + 1)) };
}

/** Settles a job as its outcome says: done, or back to pg-boss for a retry at the app's own backoff. */
async function settle(boss: PgBoss, job: Job<DeliveryJobData>, outcome: JobOutcome): Promise<void> {
  if (outcome.kind === "settled") {
    await boss.complete(DELIVERY_QUEUE, job);
    return;
  }
  // The job stays in `retry`, holding this client's later events back (key_strict_fifo) and no one else's.
  await boss.fail(DELIVERY_QUEUE, job, { retryAt: outcome.retryAt.toISOString() });
  await boss.update(DELIVERY_QUEUE, undefined, { id: job.id, startAfter: outcome.retryAt });
}

/** Jobs of one CRM account in flight at once, across all processes: the tier its jobs carry. */
const GROUP_CONCURRENCY = { default: 10, tiers: Object.fromEntries(CONCURRENCY_TIERS.map((limit) => [concurrencyTier(limit), limit])) };
/** Clients a drain (deliveries/run, cron) delivers side by side. */
const DRAIN_LANES = 16;

/**
 * This process's delivery worker: up to `concurrency` clients at once, each CRM account within its
 * own limit across all processes (pg-boss groupConcurrency, by the project's tier). New events wake it
 * at once (LISTEN/NOTIFY); a crashed worker's jobs come back by heartbeat within seconds.
 */
/** How often each worker process checks every connected project for incidents to open or close. */
const ALERTS_EVERY_MS = 60_000;

export async function startDeliveryWorker(concurrency: number): Promise<PgBoss> {
  const boss = await jobs();
  lanesOpened(concurrency);
  // Each process may evaluate: the pass is one query for all projects, and opening and closing an incident
  // are atomic, so one mail goes out per change however many processes run it.
  setInterval(() => void evaluateAllAlerts().catch((error: unknown) => log("alerts").error({ err: error }, "alert evaluation failed")), ALERTS_EVERY_MS).unref();
  // Fair lanes (lib/jobs/fair-lanes.ts), not boss.work(): no project takes more than its share of this
  // process's lanes while others wait, within its CRM account's limit across all processes.
  await startFairLanes<DeliveryJobData>(boss, JOB_SCHEMA, {
    queue: DELIVERY_QUEUE, lanes: concurrency, groupConcurrency: GROUP_CONCURRENCY, groupOf: (job) => job.data.projectId, pollMs: DISPATCH_POLL_MS, listen: listenNotify(),
    handle: async (job) => observedJob(job, async () => settle(boss, job, await processDelivery(job.data).catch((error: unknown) => unexpected(job, error)))),
  });
  return boss;
}

/** The projects with waiting jobs other than this one (a drain for one project leaves theirs alone). */
async function otherProjectsWaiting(boss: PgBoss, projectId: string): Promise<string[]> {
  const { rows } = await boss
    .getDb()
    .executeSql(`SELECT DISTINCT group_id FROM ${JOB_SCHEMA}.job WHERE name = $1 AND state < 'active' AND group_id IS NOT NULL AND group_id <> $2`, [DELIVERY_QUEUE, projectId]);
  return rows.map((row: { group_id: string }) => row.group_id);
}

const activeJobs = async (boss: PgBoss, projectId?: string) =>
  Number(
    (await boss.getDb().executeSql(`SELECT count(*) AS n FROM ${JOB_SCHEMA}.job WHERE name = $1 AND state = 'active' ${projectId ? "AND group_id = $2" : ""}`, projectId ? [DELIVERY_QUEUE, projectId] : [DELIVERY_QUEUE])).rows[0]
      .n,
  );

/**
 * Drains due deliveries now (the config API's deliveries/run, cron, tests): takes due jobs through
 * the same queue as the workers, so a client's order and the CRM limits hold, with up to 16 clients side
 * by side; waits for jobs that other workers hold for the project; answers with what happened to the
 * project's events.
 */
export async function runDeliveries(options: { projectId?: string; deadlineMs?: number } = {}): Promise<DeliveryCounts> {
  const boss = await jobs();
  const counts: DeliveryCounts = { claimed: 0, delivered: 0, retrying: 0, failed: 0, dead: 0, paused: 0, skipped: 0 };
  const deadline = Date.now() + (options.deadlineMs ?? 60_000);
  let ignoreGroups = options.projectId ? await otherProjectsWaiting(boss, options.projectId) : [];
  // The drain's lanes are shared as a worker's are: a project with a slow CRM and a backlog does not take
  // all 16 while another project's events wait behind it. Fetches are one at a time, each taking its
  // project's lane before the next fetch reads the shares.
  const shares = new LaneShares(DRAIN_LANES);
  let fetching: Promise<unknown> = Promise.resolve();
  const nextJob = () => {
    const fetched = fetching.then(async () => {
      const job = await fetchFair<DeliveryJobData>(boss, DELIVERY_QUEUE, shares, GROUP_CONCURRENCY, ignoreGroups);
      if (job) shares.take(job.data.projectId);
      return job;
    });
    fetching = fetched.catch(() => undefined);
    return fetched;
  };
  const lane = async () => {
    while (Date.now() < deadline) {
      const job = await nextJob();
      if (!job) return;
      // Fetched jobs are not heartbeated by pg-boss: keep this one alive while it runs, or the monitor
      // would hand it to another worker as if this one had died.
      const heartbeat = setInterval(() => void boss.touch(DELIVERY_QUEUE, job.id).catch(() => undefined), 3_000);
      try {
        const outcome = await observedJob(job, async () => {
          const settled = await processDelivery(job.data).catch((error: unknown) => unexpected(job, error));
          await settle(boss, job, settled);
          return settled;
        });
        // Jobs whose event had nothing left to do (delivered or settled meanwhile) are not counted.
        if ((options.projectId && job.data.projectId !== options.projectId) || (outcome.kind === "settled" && !outcome.counted)) continue;
        counts.claimed++;
        if (outcome.kind === "retry") counts[outcome.paused ? "paused" : "retrying"]++;
        else if (outcome.counted) counts[outcome.counted]++;
      } finally {
        clearInterval(heartbeat);
        shares.release(job.data.projectId);
      }
    }
  };
  while (Date.now() < deadline) {
    await Promise.all(Array.from({ length: DRAIN_LANES }, lane));
    // Other workers may still hold the project's jobs; when they finish, later jobs of those clients are due.
    if ((await activeJobs(boss, options.projectId)) === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
    if (options.projectId) ignoreGroups = await otherProjectsWaiting(boss, options.projectId);
  }
  return counts;
}
