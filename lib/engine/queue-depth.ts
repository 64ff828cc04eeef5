// The delivery queue as a scrape sees it: jobs waiting (created, or retry when due later) across all
// processes, and how long the oldest due one has waited. One query on pg-boss's job table, through the
// app's plain pool (the web process need not start the job engine for it).
import { pgPool } from "@/lib/db/pg-pool";
import { DELIVERY_QUEUE, JOB_SCHEMA } from "@/lib/jobs/boss";
import type { QueueReader } from "@/lib/observability/metrics";

export const readDeliveryQueue: QueueReader = async () => {
  const { rows } = await pgPool().query<{ depth: string; oldest: number | null }>(
    `SELECT count(*) AS depth, extract(epoch FROM now() - min(start_after) FILTER (WHERE start_after <= now()))::float8 AS oldest
       FROM ${JOB_SCHEMA}.job WHERE name = $1 AND state IN ('created', 'retry')`,
    [DELIVERY_QUEUE],
  );
  return { depth: Number(rows[0]?.depth ?? 0), oldestSeconds: Math.max(0, rows[0]?.oldest ?? 0) };
};
