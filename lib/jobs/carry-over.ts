// Events waiting when delivery moved to the job engine (migration 20261125220000_delivery_queue): each
// gets its job once, in the same transaction that records the move, so nothing queued is left behind.
import pg from "pg";
import type { PgBoss } from "pg-boss";
import { enqueueDeliveries, pgClientDb } from "./enqueue";

export const DELIVERY_QUEUE_MIGRATION = "20261125220000_delivery_queue";

export async function carryOverQueuedEvents(connectionString: string, boss: PgBoss): Promise<number> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query("BEGIN");
    const { rows } = await client.query<{ id: string; projectId: string; clientKey: string | null; occurredAt: Date; concurrency: number }>(
      `SELECT e.id, e."projectId", e."clientKey", e."occurredAt", i.concurrency
       FROM "Event" e JOIN "Integration" i ON i."projectId" = e."projectId"
       WHERE e.status IN ('queued', 'failed') AND e."nextAttemptAt" IS NOT NULL AND e.type <> 'lookup'`,
    );
    await enqueueDeliveries(
      rows.map((row) => ({ eventId: row.id, projectId: row.projectId, clientKey: row.clientKey ?? `event:${row.id}`, occurredAt: row.occurredAt, concurrency: row.concurrency })),
      pgClientDb(client),
      boss,
    );
    await client.query("COMMIT");
    return rows.length;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
