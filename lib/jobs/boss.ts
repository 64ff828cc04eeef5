// The job engine (pg-boss) on the app's own PostgreSQL, in its own schema: one instance per process,
// shared by the webhook routes (whose statement writes the event row and its job together) and the
// delivery worker. See ARCHITECTURE.md: the Event table stays the log, pg-boss only delivers.
import { PgBoss } from "pg-boss";
import { processShared, takeProcessShared } from "@/lib/cache/process-shared";
import { env } from "@/lib/env";
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

export function openJobEngine(connectionString: string, options: { supervise: boolean }) {
  const boss = new PgBoss({
    connectionString,
    schema: JOB_SCHEMA,
    max: 6,
    application_name: "callbridge-jobs",
    useListenNotify: true,
    supervise: options.supervise,
    schedule: false,
    // A crashed worker's jobs are found within seconds (heartbeat 10 s + this).
    monitorIntervalSeconds: 2,
    // The backlog count that keeps workers fetching without a pause (burstWhenReadyExceeds) is this fresh.
    queueCacheIntervalSeconds: 2,
    superviseIntervalSeconds: 2,
    persistWarnings: false,
  });
  // A lost database connection is reported and retried by pg-boss; it must not crash the process.
  boss.on("error", (error) => console.error("job engine:", error.message));
  return boss;
}

/** Creates the schema and the delivery queue (run with the migrations), then `after` on the same instance. */
export async function installJobEngine(connectionString: string, after?: (boss: PgBoss) => Promise<void>): Promise<void> {
  const boss = openJobEngine(connectionString, { supervise: false });
  await boss.start();
  try {
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
    const boss = openJobEngine(env().DATABASE_URL, { supervise: true });
    await boss.start({ attempts: 5 });
    return boss;
  });
}

/** Stops this process's instance, waiting for jobs in flight (graceful shutdown, tests). */
export async function stopJobs(graceMs = 30_000): Promise<void> {
  const running = takeProcessShared<Promise<PgBoss>>("pg-boss");
  if (!running) return;
  // The delivery lanes first: they stop fetching and finish (or hand back) their jobs while pg-boss is up.
  await Promise.all([...runningLanes()].map((lanes) => lanes.stop(graceMs)));
  await (await running).stop({ graceful: true, close: true, timeout: graceMs });
}
