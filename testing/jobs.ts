// Test-only time travel for the delivery queue: retries that backoff scheduled for later become due now.
import { db } from "@/lib/db/client";
import { DELIVERY_QUEUE, JOB_SCHEMA } from "@/lib/jobs/boss";

export async function makeRetriesDue(projectId: string): Promise<void> {
  await db().$executeRawUnsafe(`UPDATE ${JOB_SCHEMA}.job SET start_after = now() WHERE name = $1 AND group_id = $2 AND state = 'retry'`, DELIVERY_QUEUE, projectId);
  await db().event.updateMany({ where: { projectId, status: "failed", nextAttemptAt: { not: null } }, data: { nextAttemptAt: new Date() } });
}

/** The project's delivery jobs by state, as pg-boss holds them. */
export async function jobStates(projectId: string): Promise<Record<string, number>> {
  const rows = await db().$queryRawUnsafe<Array<{ state: string; n: bigint }>>(`SELECT state::text AS state, count(*) AS n FROM ${JOB_SCHEMA}.job WHERE name = $1 AND group_id = $2 GROUP BY state`, DELIVERY_QUEUE, projectId);
  return Object.fromEntries(rows.map((row) => [row.state, Number(row.n)]));
}
