// The "before" side of the idle-workers benchmark: a delivery worker process with the job-engine settings
// main had at 92d90fc (lib/jobs/boss.ts: every instance supervising, monitor/supervise/queue cache every
// 2 s; lib/engine/worker.ts: each of the DELIVERY_CONCURRENCY loops polling every 2 s even with NOTIFY).
// Kept as a copy so the number can be measured again after those files moved on. It never gets a job.
import { PgBoss } from "pg-boss";
import { CONCURRENCY_TIERS, concurrencyTier, DELIVERY_QUEUE, JOB_SCHEMA } from "../../lib/jobs/boss";

const boss = new PgBoss({
  connectionString: process.env.DATABASE_URL!,
  schema: JOB_SCHEMA,
  max: 6,
  application_name: "callbridge-jobs",
  useListenNotify: true,
  supervise: true,
  schedule: false,
  monitorIntervalSeconds: 2,
  queueCacheIntervalSeconds: 2,
  superviseIntervalSeconds: 2,
  persistWarnings: false,
});
boss.on("error", (error) => console.error("job engine:", error.message));
await boss.start();
const groupConcurrency = { default: 10, tiers: Object.fromEntries(CONCURRENCY_TIERS.map((limit) => [concurrencyTier(limit), limit])) };
await boss.work(
  DELIVERY_QUEUE,
  { localConcurrency: Number(process.env.DELIVERY_CONCURRENCY ?? 16), groupConcurrency, pollingIntervalSeconds: 2, notifyPollingIntervalSeconds: 2, heartbeatRefreshSeconds: 4, burstWhenReadyExceeds: 1 },
  async () => undefined,
);
process.once("SIGTERM", () => void boss.stop({ graceful: false, close: true }).finally(() => process.exit(0)));
console.log("worker: delivering");
