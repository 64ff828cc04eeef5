// This process's delivery worker and its timers: fair lanes over the delivery queue, each job through
// lib/engine/process-delivery.ts, and the periodic alert pass. A drain on demand is lib/engine/drain.ts.
import type { PgBoss } from "pg-boss";
import { evaluateAllAlerts } from "@/lib/alerts/evaluate";
import { DELIVERY_QUEUE, DISPATCH_POLL_MS, JOB_SCHEMA, jobs, listenNotify } from "@/lib/jobs/boss";
import type { DeliveryJobData } from "@/lib/jobs/enqueue";
import { startFairLanes } from "@/lib/jobs/fair-lanes";
import { log } from "@/lib/observability/logger";
import { lanesOpened, observedJob } from "./delivery-metrics";
import { GROUP_CONCURRENCY, processDelivery, settle, unexpected } from "./process-delivery";

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
