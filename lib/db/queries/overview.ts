// The overview's numbers, each one SQL aggregate over the project's events in a time window. They read
// the (projectId, receivedAt, status, type, deliveredAt) index only, so they stay fast on millions of events.
import { db } from "../client";

export type Outcome = "queued" | "delivered" | "failed" | "skipped" | "dead";

export interface Bucket {
  /** Start of the hour or day, in the project's time zone, as "YYYY-MM-DD HH:00" or "YYYY-MM-DD". */
  at: string;
  counts: Record<Outcome, number>;
}

const empty = (): Record<Outcome, number> => ({ queued: 0, delivered: 0, failed: 0, skipped: 0, dead: 0 });

function buckets(rows: Array<{ at: string; status: Outcome; count: bigint }>): Bucket[] {
  const byTime = new Map<string, Record<Outcome, number>>();
  for (const row of rows) {
    const counts = byTime.get(row.at) ?? empty();
    counts[row.status] += Number(row.count);
    byTime.set(row.at, counts);
  }
  return [...byTime.entries()].map(([at, counts]) => ({ at, counts }));
}

/**
 * Platform events (not lookups) per slot, by outcome. The slots' start instants come from the caller (hours
 * or days of the project's time zone, DST included), so each row is only placed among a few bounds.
 */
export async function eventsPerSlot(projectId: string, slots: { starts: Date[]; keys: string[]; end: Date }): Promise<Bucket[]> {
  const rows = await db().$queryRaw<Array<{ slot: number; status: Outcome; count: bigint }>>`
    SELECT slot, status::text AS status, count FROM (
      SELECT width_bucket("receivedAt", ${slots.starts}::timestamp[]) AS slot, status, count(*) AS count
      FROM "Event" WHERE "projectId" = ${projectId} AND "receivedAt" >= ${slots.starts[0]} AND "receivedAt" < ${slots.end} AND type <> 'lookup'
      GROUP BY 1, 2) counted`;
  return buckets(rows.filter((row) => row.slot >= 1).map((row) => ({ at: slots.keys[row.slot - 1]!, status: row.status, count: row.count })));
}

/** From the webhook's receipt to the CRM's last write, for events delivered since `since` (seconds). */
export async function timeToCrm(projectId: string, since: Date): Promise<{ p50: number | null; p95: number | null; delivered: number }> {
  const [row] = await db().$queryRaw<Array<{ p50: number | null; p95: number | null; delivered: bigint }>>`
    SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM "deliveredAt" - "receivedAt")) AS p50,
           percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM "deliveredAt" - "receivedAt")) AS p95,
           count(*) AS delivered
    FROM "Event" WHERE "projectId" = ${projectId} AND "receivedAt" >= ${since} AND status = 'delivered' AND type <> 'lookup' AND "deliveredAt" IS NOT NULL`;
  return { p50: row?.p50 ?? null, p95: row?.p95 ?? null, delivered: Number(row?.delivered ?? 0) };
}

export async function lastDelivery(projectId: string): Promise<Date | null> {
  const [row] = await db().$queryRaw<Array<{ at: Date | null }>>`
    SELECT "deliveredAt" AS at FROM "Event" WHERE "projectId" = ${projectId} AND "deliveredAt" IS NOT NULL AND type <> 'lookup' ORDER BY "deliveredAt" DESC LIMIT 1`;
  return row?.at ?? null;
}

/** CRM calls made since `since`: every step of every event's and lookup's trace is one call. */
export async function crmCalls(projectId: string, since: Date): Promise<{ calls: number; searches: number }> {
  const [row] = await db().$queryRaw<Array<{ calls: bigint; searches: bigint }>>`
    SELECT count(step) AS calls, count(step) FILTER (WHERE step->>'op' = 'search') AS searches
    FROM "Event" e CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(e.trace) = 'array' THEN e.trace ELSE '[]'::jsonb END) AS step
    WHERE e."projectId" = ${projectId} AND e."receivedAt" >= ${since}`;
  return { calls: Number(row?.calls ?? 0), searches: Number(row?.searches ?? 0) };
}

/** The clients whose events failed most since `since`, with the last reason. */
export async function failingClients(projectId: string, since: Date, limit = 5) {
  const rows = await db().$queryRaw<Array<{ clientKey: string; failures: bigint; reason: string | null; lastAt: Date }>>`
    SELECT "clientKey", count(*) AS failures, (array_agg(reason ORDER BY "receivedAt" DESC))[1] AS reason, max("receivedAt") AS "lastAt"
    FROM "Event" WHERE "projectId" = ${projectId} AND "receivedAt" >= ${since} AND status IN ('failed', 'dead') AND "clientKey" IS NOT NULL
    GROUP BY "clientKey" ORDER BY count(*) DESC, max("receivedAt") DESC LIMIT ${limit}`;
  return rows.map((row) => ({ clientKey: row.clientKey, failures: Number(row.failures), reason: row.reason, lastAt: row.lastAt }));
}

/** Responsible-manager lookups since `since`: answered, sent to the next block, or out of time budget. */
export async function routingAnswers(projectId: string, since: Date): Promise<{ answered: number; next: number; overBudget: number }> {
  const [row] = await db().$queryRaw<Array<{ answered: bigint; next: bigint; over: bigint }>>`
    SELECT count(*) FILTER (WHERE status = 'delivered') AS answered,
           count(*) FILTER (WHERE status <> 'delivered' AND coalesce(reason, '') NOT LIKE '%budget%') AS next,
           count(*) FILTER (WHERE status <> 'delivered' AND reason LIKE '%budget%') AS over
    FROM "Event" WHERE "projectId" = ${projectId} AND "receivedAt" >= ${since} AND type = 'lookup'`;
  return { answered: Number(row?.answered ?? 0), next: Number(row?.next ?? 0), overBudget: Number(row?.over ?? 0) };
}

/** Whether any platform event ever arrived (the onboarding checklist's "first event"). */
export const hasPlatformEvent = async (projectId: string) => (await db().event.findFirst({ where: { projectId, type: { not: "lookup" } }, select: { id: true } })) !== null;

/** Whether the integration matrix was ever saved (the onboarding checklist's step): its audit entry says so. */
export const matrixEverSaved = async (projectId: string) => (await db().auditEntry.findFirst({ where: { projectId, action: "config.matrix.update" }, select: { id: true } })) !== null;
