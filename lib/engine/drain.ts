// Draining due deliveries now (the config API's deliveries/run, cron, tests) through the same queue as
// the workers (lib/engine/worker.ts), so a client's order and the CRM limits hold.
import type { PgBoss } from "pg-boss";
import { DELIVERY_QUEUE, JOB_SCHEMA, jobs } from "@/lib/jobs/boss";
import type { DeliveryJobData } from "@/lib/jobs/enqueue";
import { fetchFair } from "@/lib/jobs/fair-lanes";
import { LaneShares } from "@/lib/jobs/lane-shares";
import { observedJob } from "./delivery-metrics";
import { GROUP_CONCURRENCY, processDelivery, settle, unexpected, type DeliveryCounts } from "./process-delivery";

/** Clients a drain (deliveries/run, cron) delivers side by side. */
const DRAIN_LANES = 16;

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
