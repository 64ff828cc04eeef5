// A process's delivery lanes, filled fairly (lane-shares.ts). pg-boss's work() cannot do this: it takes
// either groupConcurrency (the CRM account's limit across all processes, which must stay) or
// localGroupConcurrency (a fixed per-process cap), never both, and never a share that depends on who is
// waiting. So one dispatcher per process fetches a job at a time — with the account's groupConcurrency and
// `ignoreGroups` naming the projects at their share here — and runs it on a free lane. What work() gave
// is kept: new jobs wake the dispatcher at once (pg-boss's own LISTEN/NOTIFY channel), running jobs are
// heartbeated (a crashed process's jobs come back within seconds), and a stop lets them finish.
import { log } from "@/lib/observability/logger";
import type { GroupConcurrencyConfig, Job, PgBoss } from "pg-boss";
import { processShared } from "@/lib/cache/process-shared";
import { LaneShares } from "./lane-shares";

export interface FairLanesOptions<T> {
  queue: string;
  lanes: number;
  groupConcurrency: GroupConcurrencyConfig;
  /** A job's group (the project); jobs without one share a single group. */
  groupOf: (job: Job<T>) => string;
  handle: (job: Job<T>) => Promise<void>;
  /** Fetch again this often when nothing woke the dispatcher (a missed notification, retries coming due). */
  pollMs?: number;
  /** Wake on pg-boss's NOTIFY (default); off behind PgBouncer in transaction mode, where LISTEN cannot work. */
  listen?: boolean;
  heartbeatMs?: number;
}

export interface FairLanes {
  readonly shares: LaneShares;
  /** Stops fetching and waits for running jobs; those still running after `graceMs` are handed back. */
  stop: (graceMs: number) => Promise<void>;
}

/** Every started set of lanes in this process, stopped by stopJobs before pg-boss itself. */
export const runningLanes = () => processShared("fair-lanes", () => new Set<FairLanes>());

/** pg-boss's notification channel for a schema (plans.notifyChannelSql in pg-boss 12). */
const channelOf = async (boss: PgBoss, schema: string) =>
  (await boss.getDb().executeSql(`SELECT 'pgboss_' || left(encode(sha224($1::bytea), 'hex'), 24) AS channel`, [schema])).rows[0].channel as string;

/**
 * The next job for a lane of `shares`: none of a project at its share (nor of `alsoIgnore`), within the
 * account's groupConcurrency across processes. The caller takes the job's group in `shares` before the
 * next fetch, or two fetches would both see the project under its share.
 */
export async function fetchFair<T>(boss: PgBoss, queue: string, shares: LaneShares, groupConcurrency: GroupConcurrencyConfig, alsoIgnore: string[] = []): Promise<Job<T> | undefined> {
  const fetchOne = async (ignoreGroups: string[]) => {
    const ignored = [...ignoreGroups, ...alsoIgnore];
    const [job] = await boss.fetch<T>(queue, { batchSize: 1, groupConcurrency, ignoreGroups: ignored.length ? ignored : undefined });
    return job;
  };
  const { first, fallback } = shares.excluded();
  return (await fetchOne(first)) ?? (fallback ? await fetchOne(fallback) : undefined);
}

export async function startFairLanes<T>(boss: PgBoss, schema: string, options: FairLanesOptions<T>): Promise<FairLanes> {
  const shares = new LaneShares(options.lanes);
  const running = new Map<string, { job: Job<T>; done: Promise<void> }>();
  let stopping = false;
  let wake: (() => void) | null = null;
  // A ring while the dispatcher is fetching (a job stored just after its query ran) is kept for its next
  // sleep: dropped, that job would wait out the poll interval.
  let rung = false;
  const ring = () => {
    if (wake) wake();
    else rung = true;
    wake = null;
  };
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (rung) {
        rung = false;
        return resolve();
      }
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const listener =
    options.listen === false
      ? undefined
      : await boss
          .getDb()
          .listen?.(await channelOf(boss, schema), (queue) => queue === options.queue && ring(), ring)
          .catch((error: unknown) => {
            // Polling alone still delivers, later.
            log("jobs").warn({ err: error }, "delivery lanes: LISTEN failed, polling only");
            return undefined;
          });

  const run = (job: Job<T>) => {
    const group = options.groupOf(job);
    shares.take(group);
    const done = options
      .handle(job)
      .catch((error: unknown) => log("jobs").error({ err: error, jobId: job.id, queue: options.queue }, "job failed unexpectedly"))
      .finally(() => {
        running.delete(job.id);
        shares.release(group);
        // A freed lane, and maybe a project back under its share: look again.
        ring();
      });
    running.set(job.id, { job, done });
  };

  // The jobs fetch() hands out are not heartbeated by pg-boss: without this the monitor would take them
  // back as if this process had died.
  const heartbeat = setInterval(() => {
    if (running.size) void boss.touch(options.queue, [...running.values()].map((entry) => entry.job)).catch(() => undefined);
  }, options.heartbeatMs ?? 3_000);

  const dispatcher = (async () => {
    while (!stopping) {
      if (running.size >= options.lanes) {
        await sleep(options.pollMs ?? 2_000);
        continue;
      }
      let job: Job<T> | undefined;
      rung = false;
      try {
        job = await fetchFair<T>(boss, options.queue, shares, options.groupConcurrency);
      } catch (error) {
        // The database away: pg-boss reports it; try again after the poll interval.
        log("jobs").error({ err: error }, "delivery lanes: fetch failed");
      }
      if (stopping) {
        // Fetched as the stop began: handed back at once for another process.
        if (job) await boss.fail(options.queue, job, { reason: "stopping" }).catch(() => undefined);
        break;
      }
      if (job) run(job);
      else await sleep(options.pollMs ?? 2_000);
    }
  })();

  const lanes: FairLanes = {
    shares,
    stop: async (graceMs) => {
      stopping = true;
      ring();
      await dispatcher;
      let timer: NodeJS.Timeout | undefined;
      const graceOver = new Promise<"over">((resolve) => (timer = setTimeout(() => resolve("over"), graceMs)));
      const finished = await Promise.race([Promise.allSettled([...running.values()].map((entry) => entry.done)), graceOver]);
      clearTimeout(timer);
      if (finished === "over" && running.size) {
        // As pg-boss's own stop does: the overrunning jobs are failed so another process retries them now.
        await boss.fail(options.queue, [...running.values()].map((entry) => entry.job), { reason: "shut down while active" }).catch(() => undefined);
      }
      clearInterval(heartbeat);
      await listener?.close().catch(() => undefined);
      runningLanes().delete(lanes);
    },
  };
  runningLanes().add(lanes);
  return lanes;
}
