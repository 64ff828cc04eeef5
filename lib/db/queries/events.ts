import type { EventStatus } from "@/lib/generated/prisma/enums";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "../client";
import { pgPool } from "../pg-pool";

export const findWebhookProject = (key: string) =>
  db().project.findUnique({ where: { key }, select: { id: true, key: true, webhookSecretEncrypted: true, defaultCountry: true, timezone: true } });

export interface StoredAnswer {
  eventId: string;
  status: EventStatus;
}

export interface NewEvent {
  projectId: string;
  externalId: string;
  type: string;
  payload: Prisma.InputJsonValue;
  status: EventStatus;
  reason: string | null;
  occurredAt: Date;
  /** E.164, when the event names the client's number. */
  clientPhone?: string | null;
  /** Rows stored already finished (responsible-manager lookups) carry their trace and time. */
  trace?: Prisma.InputJsonValue;
  deliveredAt?: Date | null;
}

export type InsertOutcome = { created: boolean; answer: StoredAnswer };

/**
 * Stores each event unless its project already has one with this id (also earlier in the same list);
 * either way answers the stored row. One statement for the whole list, so that concurrent webhook
 * requests can share a round trip to the database.
 */
export async function insertEventsOnce(inputs: NewEvent[]): Promise<InsertOutcome[]> {
  if (!inputs.length) return [];
  const now = new Date().toISOString();
  const ids = inputs.map(() => crypto.randomUUID());
  const params: unknown[] = [];
  const rows = inputs.map((input, index) => {
    const at = params.length;
    params.push(ids[index], input.projectId, input.externalId, input.type, JSON.stringify(input.payload), input.status, input.reason, input.occurredAt.toISOString());
    params.push(input.status === "queued" ? now : null, input.clientPhone ?? null, JSON.stringify(input.trace ?? []), input.deliveredAt?.toISOString() ?? null);
    const $ = (n: number) => `$${at + n}`;
    // ISO strings cast to timestamp keep their UTC wall time, as Prisma stores dates.
    return `(${$(1)}, ${$(2)}, ${$(3)}, ${$(4)}, ${$(5)}::jsonb, ${$(6)}::"EventStatus", ${$(7)}, ${$(8)}::timestamp, ${$(9)}::timestamp, now(), ${$(10)}, ${$(11)}::jsonb, ${$(12)}::timestamp)`;
  });
  const { rows: inserted } = await pgPool().query<{ id: string; status: EventStatus }>(
    `INSERT INTO "Event" (id, "projectId", "externalId", type, payload, status, reason, "occurredAt", "nextAttemptAt", "receivedAt", "clientPhone", trace, "deliveredAt")
     VALUES ${rows.join(", ")}
     ON CONFLICT ("projectId", "externalId") DO NOTHING
     RETURNING id, status`,
    params,
  );
  const created = new Map(inserted.map((row) => [row.id, row.status]));
  const key = (input: NewEvent) => `${input.projectId}|${input.externalId}`;
  const missing = inputs.filter((input, index) => !created.has(ids[index]!));
  const existing = missing.length
    ? await db().event.findMany({ where: { OR: missing.map((input) => ({ projectId: input.projectId, externalId: input.externalId })) }, select: { id: true, status: true, projectId: true, externalId: true } })
    : [];
  const stored = new Map(existing.map((row) => [`${row.projectId}|${row.externalId}`, { eventId: row.id, status: row.status }]));
  return inputs.map((input, index) => {
    const status = created.get(ids[index]!);
    if (status) {
      stored.set(key(input), { eventId: ids[index]!, status });
      return { created: true, answer: { eventId: ids[index]!, status } };
    }
    return { created: false, answer: stored.get(key(input))! };
  });
}

export async function insertEventOnce(input: NewEvent): Promise<InsertOutcome> {
  return (await insertEventsOnce([input]))[0]!;
}

/** Events a replay would send: not delivered, not skipped on purpose, received since `since`. */
export const countReplayableEvents = (projectId: string, since: Date) =>
  db().event.count({ where: { projectId, status: { in: ["queued", "failed"] }, occurredAt: { gte: since } } });

/**
 * On re-activation (F12): with replay, undelivered events of the window stay queued and become due now,
 * older ones are skipped; without replay, every undelivered event is skipped (visible, retryable later).
 */
export async function settleUndeliveredEvents(projectId: string, since: Date, replay: boolean): Promise<{ replayed: number; skipped: number }> {
  return db().$transaction(async (tx) => {
    const undelivered = { projectId, status: { in: ["queued", "failed"] as EventStatus[] } };
    if (!replay) {
      const skipped = await tx.event.updateMany({ where: undelivered, data: { status: "skipped", reason: "not sent: the integration was re-activated without replay", nextAttemptAt: null } });
      return { replayed: 0, skipped: skipped.count };
    }
    const old = await tx.event.updateMany({ where: { ...undelivered, occurredAt: { lt: since } }, data: { status: "skipped", reason: "not sent: older than the 3-day replay window", nextAttemptAt: null } });
    const startedAt = new Date();
    const replayed = await tx.event.updateMany({ where: { ...undelivered, occurredAt: { gte: since } }, data: { status: "queued", nextAttemptAt: startedAt } });
    await tx.integration.update({ where: { projectId }, data: { replaySince: since, replayStartedAt: startedAt, replayTotal: replayed.count } });
    return { replayed: replayed.count, skipped: old.count };
  });
}

export interface ReplayProgress {
  total: number;
  delivered: number;
  /** Given up on: the CRM rejected the data, or retries ran out. */
  failed: number;
  /** Still to go, including retries scheduled for later. */
  pending: number;
  startedAt: string;
}

/** Where the last replay stands: its events are those of the window received before it started. */
export async function replayProgress(projectId: string): Promise<ReplayProgress | null> {
  const integration = await db().integration.findUnique({ where: { projectId }, select: { replaySince: true, replayStartedAt: true, replayTotal: true } });
  if (!integration?.replaySince || !integration.replayStartedAt || integration.replayTotal === 0) return null;
  const [row] = await db().$queryRaw<Array<{ delivered: bigint; failed: bigint }>>`
    SELECT count(*) FILTER (WHERE status = 'delivered' AND "deliveredAt" >= ${integration.replayStartedAt}) AS delivered,
           count(*) FILTER (WHERE status = 'dead' OR (status = 'failed' AND "nextAttemptAt" IS NULL)) AS failed
    FROM "Event"
    WHERE "projectId" = ${projectId} AND "occurredAt" >= ${integration.replaySince} AND "receivedAt" <= ${integration.replayStartedAt}`;
  const total = integration.replayTotal;
  const delivered = Math.min(Number(row?.delivered ?? 0), total);
  const failed = Math.min(Number(row?.failed ?? 0), total - delivered);
  return { total, delivered, failed, pending: total - delivered - failed, startedAt: integration.replayStartedAt.toISOString() };
}

const listed = { id: true, externalId: true, type: true, status: true, reason: true, attempts: true, occurredAt: true, receivedAt: true, deliveredAt: true } as const;

export async function listEvents(projectId: string, filter: { status?: EventStatus; type?: string; limit: number }) {
  return db().event.findMany({
    where: { projectId, ...(filter.status ? { status: filter.status } : {}), ...(filter.type ? { type: filter.type } : {}) },
    orderBy: { receivedAt: "desc" },
    take: filter.limit,
    select: listed,
  });
}

export const findEvent = (projectId: string, id: string) => db().event.findFirst({ where: { projectId, id }, select: { ...listed, payload: true, nextAttemptAt: true, trace: true } });

/** A single event sent again: back in the queue, due now. Delivered events are not sent twice. */
export async function requeueEvent(projectId: string, id: string): Promise<boolean> {
  const result = await db().event.updateMany({ where: { projectId, id, type: { not: "lookup" }, status: { in: ["failed", "skipped", "dead"] } }, data: { status: "queued", nextAttemptAt: new Date(), reason: null } });
  return result.count === 1;
}

export interface ClaimedEvent {
  id: string;
  projectId: string;
  externalId: string;
  type: string;
  payload: unknown;
  attempts: number;
  occurredAt: Date;
  trace: unknown;
}

/**
 * Claims due events of active integrations for delivery. SKIP LOCKED lets any number of workers run
 * side by side without taking the same event; the lease (nextAttemptAt) makes a crashed worker's
 * events due again later. Events of one project are taken oldest first.
 */
export async function claimDueEvents(limit: number, leaseMs: number, projectId?: string): Promise<ClaimedEvent[]> {
  return db().$queryRaw<ClaimedEvent[]>`
    UPDATE "Event" e SET "nextAttemptAt" = now() + make_interval(secs => ${leaseMs / 1000}), attempts = e.attempts + 1
    WHERE e.id IN (
      SELECT ev.id FROM "Event" ev JOIN "Integration" i ON i."projectId" = ev."projectId"
      WHERE ev.status IN ('queued', 'failed') AND ev."nextAttemptAt" IS NOT NULL AND ev."nextAttemptAt" <= now()
        AND i.status = 'active' ${projectId ? Prisma.sql`AND ev."projectId" = ${projectId}` : Prisma.empty}
      ORDER BY ev."occurredAt" ASC
      LIMIT ${limit}
      FOR UPDATE OF ev SKIP LOCKED)
    RETURNING e.id, e."projectId", e."externalId", e.type, e.payload, e.attempts, e."occurredAt", e.trace`;
}

export async function finishEvent(id: string, outcome: { status: EventStatus; reason: string | null; nextAttemptAt: Date | null; trace: unknown }) {
  await db().event.update({
    where: { id },
    data: {
      status: outcome.status,
      reason: outcome.reason,
      nextAttemptAt: outcome.nextAttemptAt,
      trace: outcome.trace as Prisma.InputJsonValue,
      ...(outcome.status === "delivered" ? { deliveredAt: new Date() } : {}),
    },
  });
}

/** Hands claimed events back untried: due again at once, and the claim does not count as an attempt. */
export async function releaseEvents(ids: string[]) {
  if (!ids.length) return;
  await db().event.updateMany({ where: { id: { in: ids } }, data: { nextAttemptAt: new Date(), attempts: { decrement: 1 } } });
}
