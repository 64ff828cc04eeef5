// The job engine (pg-boss) on the app's own PostgreSQL, in its own schema: one instance per process,
// shared by the webhook routes (whose statement writes the event row and its job together) and the
// delivery worker. See ARCHITECTURE.md: the Event table stays the log, pg-boss only delivers.
import { PgBoss } from "pg-boss";
import { processShared, takeProcessShared } from "@/lib/cache/process-shared";
import { env } from "@/lib/env";
import { leaseTableSql, PASS_SECONDS, superviseElected, type Supervisor } from "./supervisor";
import { log } from "@/lib/observability/logger";
import { runningLanes } from "./fair-lanes";

export const JOB_SCHEMA = "pgboss";
/** One queue for every project: `key_strict_fifo` keyed by project + client. */
export const DELIVERY_QUEUE = "deliver-event";

/** Per-account CRM concurrency tiers (Integration.concurrency): a job's group is its project. */
export const CONCURRENCY_TIERS = [5, 8, 10, 15, 20, 25] as const;
export const concurrencyTier = (limit: number) => `c${CONCURRENCY_TIERS.find((tier) => tier >= limit) ?? CONCURRENCY_TIERS.at(-1)}`;

export const DELIVERY_QUEUE_OPTIONS = {
  policy: "key_strict_fifo",
  notify: true,
  // Retries that pg-boss schedules itself happen only when a worker died holding the job (heartbeat
  // lost or expired): take it up again at once. CRM failures are rescheduled by the worker with the
  // app's own backoff (lib/engine/backoff.ts), and give up after about 3 days as `dead`.
  retryLimit: 100_000,
  retryDelay: 1,
  retryBackoff: false,
  heartbeatSeconds: 10,
  expireInSeconds: 15 * 60,
  retentionSeconds: 30 * 24 * 3600,
  deleteAfterSeconds: 24 * 3600,
} as const;

/** Connections of this process's job-engine pool (README "Connection budget"). */
export const JOB_POOL_MAX = 6;

/**
 * How a delivery worker polls (lib/engine/worker.ts passes these to boss.work). New events wake it at once
 * through LISTEN/NOTIFY, and the elected supervisor NOTIFYs when a retry or a recovered job becomes due
 * (lib/jobs/supervisor.ts), so the poll is only a backstop: pg-boss's default 30 s, per loop — a process
 * runs DELIVERY_CONCURRENCY loops, and at 2 s 20 idle processes of 16 made 160 fetches a second. Without
 * LISTEN/NOTIFY (JOB_LISTEN_NOTIFY=off, behind PgBouncer in transaction mode) the 2 s poll is what finds work.
 */
export const WORKER_POLLING = { pollingIntervalSeconds: 2, notifyPollingIntervalSeconds: 30 } as const;
/** The delivery dispatcher's backstop poll (lib/jobs/fair-lanes.ts): one per process, by the same rule. */
export const DISPATCH_POLL_MS = (listenNotify() ? WORKER_POLLING.notifyPollingIntervalSeconds : WORKER_POLLING.pollingIntervalSeconds) * 1000;

export function openJobEngine(connectionString: string) {
  const boss = new PgBoss({
    connectionString,
    schema: JOB_SCHEMA,
    max: JOB_POOL_MAX,
    application_name: "callbridge-jobs",
    useListenNotify: listenNotify(),
    // Supervision is elected to one process (lib/jobs/supervisor.ts) instead of every instance trying.
    supervise: false,
    schedule: false,
    // The elected supervisor's pass comes every PASS_SECONDS; a claim a moment short of it must not be refused.
    monitorIntervalSeconds: PASS_SECONDS - 1,
    superviseIntervalSeconds: PASS_SECONDS,
    // The backlog count that keeps workers fetching without a pause (burstWhenReadyExceeds) is this fresh:
    // one cheap read per process, 10 s stale at most (a backlog's first jobs are announced by NOTIFY anyway).
    queueCacheIntervalSeconds: 10,
    persistWarnings: false,
  });
  // A lost database connection is reported and retried by pg-boss; it must not crash the process.
  boss.on("error", (error) => log("jobs").error({ err: error }, "job engine error"));
  return boss;
}

/** Creates the schema and the delivery queue (run with the migrations), then `after` on the same instance. */
export async function installJobEngine(connectionString: string, after?: (boss: PgBoss) => Promise<void>): Promise<void> {
  const boss = openJobEngine(connectionString);
  await boss.start();
  try {
    await boss.getDb().executeSql(leaseTableSql(JOB_SCHEMA));
    if (!(await boss.getQueue(DELIVERY_QUEUE))) {
      // Two processes starting at once may both find no queue: the second one's create is a no-op.
      await boss.createQueue(DELIVERY_QUEUE, DELIVERY_QUEUE_OPTIONS).catch(async (error: unknown) => {
        if (!(await boss.getQueue(DELIVERY_QUEUE))) throw error;
      });
    } else {
      // The policy of a queue is fixed when it is created; the rest follows this file.
      await boss.updateQueue(DELIVERY_QUEUE, Object.fromEntries(Object.entries(DELIVERY_QUEUE_OPTIONS).filter(([name]) => name !== "policy")));
    }
    await after?.(boss);
  } finally {
    await boss.stop({ graceful: false, close: true });
  }
}

/** This process's started instance (the schema exists: migrations ran before the app started). */
export function jobs(): Promise<PgBoss> {
  return processShared("pg-boss", async () => {
    const boss = openJobEngine(env().DATABASE_URL);
    await boss.start({ attempts: 5 });
    processShared("pg-boss-supervisor", () => superviseElected(boss, { schema: JOB_SCHEMA, queue: DELIVERY_QUEUE }));
    return boss;
  });
}

/** Stops this process's instance, waiting for jobs in flight (graceful shutdown, tests). */
export async function stopJobs(graceMs = 30_000): Promise<void> {
  const running = takeProcessShared<Promise<PgBoss>>("pg-boss");
  if (!running) return;
  const boss = await running;
  // The delivery lanes first: they stop fetching and finish (or hand back) their jobs while pg-boss is up;
  // the lease is handed back beside them (another process then supervises and takes back this one's
  // overrunning jobs), and the pool closes only after both.
  const leaving = takeProcessShared<Supervisor>("pg-boss-supervisor")?.stop();
  await Promise.all([...runningLanes()].map((lanes) => lanes.stop(graceMs)));
  await boss.stop({ graceful: true, close: false, timeout: graceMs });
  await leaving;
  await boss.stop({ close: true });
}

/**
 * JOB_LISTEN_NOTIFY=off: no LISTEN connection (PgBouncer in transaction mode cannot carry one). Read here,
 * not through lib/env: the migration step opens the job engine too, before the app's env is complete.
 */
export function listenNotify(): boolean {
  return !/^(off|no|false|0)$/i.test(process.env.JOB_LISTEN_NOTIFY ?? "");
}
