// Enqueues deliveries inside the caller's transaction (the event row and its job commit together).
import type { Db as IDatabase, JobInsert, PgBoss } from "pg-boss";
import { concurrencyTier, DELIVERY_QUEUE, jobs } from "./boss";
import type { JobRow } from "./job-rows-sql";

export interface DeliveryJobInput {
  eventId: string;
  projectId: string;
  clientKey: string;
  occurredAt: Date;
  /** The CRM account's concurrency (Integration.concurrency). */
  concurrency: number;
  /** The span of the request that stored the event, when traced (lib/observability/tracing.ts). */
  traceparent?: string;
}

export interface DeliveryJobData {
  eventId: string;
  projectId: string;
  traceparent?: string;
}

/**
 * A time-ordered uuid (v7 layout) from the event's time and its place in the batch: jobs written in
 * one statement share pg-boss's created_on, and ties are broken by id, so this keeps them in order.
 */
function orderedId(occurredAt: Date, position: number): string {
  const time = Math.max(0, occurredAt.getTime()).toString(16).padStart(12, "0").slice(-12);
  const sequence = (position & 0xfff).toString(16).padStart(3, "0");
  const random = crypto.randomUUID().replace(/-/g, "");
  const variant = ((parseInt(random[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${time.slice(0, 8)}-${time.slice(8)}-7${sequence}-${variant}${random.slice(17, 20)}-${random.slice(20, 32)}`;
}

export const deliveryKey = (projectId: string, clientKey: string) => `${projectId}|${clientKey}`;

/** The jobs' ids, keys and groups, oldest event first. */
export function deliveryJobRows(items: DeliveryJobInput[]): JobRow[] {
  const sorted = [...items].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
  return sorted.map((item, position) => ({
    eventId: item.eventId,
    id: orderedId(item.occurredAt, position),
    singletonKey: deliveryKey(item.projectId, item.clientKey),
    groupId: item.projectId,
    groupTier: concurrencyTier(item.concurrency),
    ...(item.traceparent ? { traceparent: item.traceparent } : {}),
  }));
}

function deliveryJobs(items: DeliveryJobInput[]): JobInsert<DeliveryJobData>[] {
  return deliveryJobRows(items).map((row) => ({
    id: row.id,
    data: { eventId: row.eventId, projectId: row.groupId, ...(row.traceparent ? { traceparent: row.traceparent } : {}) },
    singletonKey: row.singletonKey,
    group: { id: row.groupId, tier: row.groupTier },
  }));
}

/** `db` is the caller's open transaction; `boss` defaults to this process's instance. */
export async function enqueueDeliveries(items: DeliveryJobInput[], db: IDatabase, boss?: PgBoss): Promise<void> {
  if (!items.length) return;
  await (boss ?? (await jobs())).insert(DELIVERY_QUEUE, deliveryJobs(items), { db });
}

/** pg-boss's adapter for a node-postgres client holding an open transaction. */
export const pgClientDb = (client: { query: (text: string, values?: unknown[]) => Promise<{ rows: unknown[] }> }): IDatabase => ({
  executeSql: async (text, values) => ({ rows: (await client.query(text, values)).rows }),
});
