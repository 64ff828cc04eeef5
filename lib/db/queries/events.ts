import type { EventStatus } from "@/lib/generated/prisma/enums";
import { fromPrisma } from "pg-boss";
import type { Prisma } from "@/lib/generated/prisma/client";
import { deliveryJobRows, enqueueDeliveries } from "@/lib/jobs/enqueue";
import { jobRowsCte } from "@/lib/jobs/job-rows-sql";
import { db } from "../client";
import type { Tx } from "../transaction";
import { pgPool } from "../pg-pool";
import { toJson, type JsonDocument, type TraceEntry } from "../json";

export const findWebhookProject = (key: string) =>
  db().project.findUnique({
    where: { key },
    select: { id: true, key: true, webhookSecretEncrypted: true, defaultCountry: true, timezone: true, integration: { select: { concurrency: true } } },
  });

/** Whether a project with this key existed and was deleted. */
export const isDeletedProjectKey = async (key: string) => (await db().deletedProjectKey.count({ where: { key } })) > 0;

export interface StoredAnswer {
  eventId: string;
  status: EventStatus;
}

export interface NewEvent {
  projectId: string;
  externalId: string;
  type: string;
  payload: JsonDocument;
  status: EventStatus;
  reason: string | null;
  occurredAt: Date;
  /** E.164, when the event names the client's number. */
  clientPhone?: string | null;
  /** Lower-case, when the event names the client's e-mail (forms): the Events page searches by it. */
  clientEmail?: string | null;
  /** The platform's call id (calls, recordings, summaries). */
  callId?: string | null;
  /** The delivery queue's key (lib/events/event-values.ts clientKey); null for rows that are not delivered. */
  clientKey: string | null;
  /** The CRM account's concurrency, for the job's group (default 10). */
  concurrency?: number;
  /** The storing request's span (W3C traceparent), carried by the job so the delivery's span links to it. */
  traceparent?: string;
  /** Rows stored already finished (responsible-manager lookups) carry their trace and time. */
  trace?: TraceEntry[];
  deliveredAt?: Date | null;
}

export type InsertOutcome = { created: boolean; answer: StoredAnswer };

/**
 * Stores each event unless its project already has one with this id (also earlier in the same list);
 * either way answers the stored row. One statement for the whole list, so that concurrent webhook
 * requests share one round trip to the database; the same statement writes the delivery job of each
 * event it stores as queued (no event without its job, no job without its event).
 */
export async function insertEventsOnce(inputs: NewEvent[]): Promise<InsertOutcome[]> {
  if (!inputs.length) return [];
  const now = new Date().toISOString();
  const ids = inputs.map(() => crypto.randomUUID());
  const params: unknown[] = [];
  const rows = inputs.map((input, index) => {
    const at = params.length;
    params.push(ids[index], input.projectId, input.externalId, input.type, JSON.stringify(input.payload), input.status, input.reason, input.occurredAt.toISOString());
    params.push(input.status === "queued" ? now : null, input.clientPhone ?? null, JSON.stringify(input.trace ?? []), input.deliveredAt?.toISOString() ?? null, input.clientKey, input.clientEmail ?? null, input.callId ?? null);
    const $ = (n: number) => `$${at + n}`;
    // ISO strings cast to timestamp keep their UTC wall time, as Prisma stores dates.
    return `(${$(1)}, ${$(2)}, ${$(3)}, ${$(4)}, ${$(5)}::jsonb, ${$(6)}::"EventStatus", ${$(7)}, ${$(8)}::timestamp, ${$(9)}::timestamp, now(), ${$(10)}, ${$(11)}::jsonb, ${$(12)}::timestamp, ${$(13)}, ${$(14)}, ${$(15)})`;
  });
  // Every queued row gets a job; the statement writes only those of rows it stored.
  const jobs = deliveryJobRows(
    inputs.flatMap((input, index) =>
      input.status === "queued" ? [{ eventId: ids[index]!, projectId: input.projectId, clientKey: input.clientKey ?? `event:${ids[index]}`, occurredAt: input.occurredAt, concurrency: input.concurrency ?? 10, traceparent: input.traceparent }] : [],
    ),
  );
  params.push(JSON.stringify(jobs));
  // One statement, so atomic: no event without its job, no job without its event.
  const { rows: inserted } = await pgPool().query<{ id: string; status: EventStatus }>(
    `WITH stored AS (
       INSERT INTO "Event" (id, "projectId", "externalId", type, payload, status, reason, "occurredAt", "nextAttemptAt", "receivedAt", "clientPhone", trace, "deliveredAt", "clientKey", "clientEmail", "callId")
       VALUES ${rows.join(", ")}
       ON CONFLICT ("projectId", "externalId") DO NOTHING
       RETURNING id, status, "projectId"),
     ${jobRowsCte("stored", params.length)}
     SELECT id, status FROM stored WHERE (SELECT count(*) FROM job_notify) >= 0`,
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

/** Delivery jobs for events that are queued again (replay, "Send again"), in the same transaction. */
export async function enqueueStored(tx: Tx, where: Prisma.EventWhereInput) {
  const events = await tx.event.findMany({ where, select: { id: true, projectId: true, clientKey: true, occurredAt: true, project: { select: { integration: { select: { concurrency: true } } } } } });
  await enqueueDeliveries(
    events.map((event) => ({ eventId: event.id, projectId: event.projectId, clientKey: event.clientKey ?? `event:${event.id}`, occurredAt: event.occurredAt, concurrency: event.project.integration?.concurrency ?? 10 })),
    fromPrisma(tx),
  );
}

/** The fields an event is listed with (config API, Events page). */
export const listed = { id: true, externalId: true, type: true, status: true, reason: true, attempts: true, occurredAt: true, receivedAt: true, deliveredAt: true } as const;

export async function listEvents(projectId: string, filter: { status?: EventStatus; type?: string; limit: number }) {
  return db().event.findMany({
    where: { projectId, ...(filter.status ? { status: filter.status } : {}), ...(filter.type ? { type: filter.type } : {}) },
    orderBy: { receivedAt: "desc" },
    take: filter.limit,
    select: listed,
  });
}

export const findEvent = (projectId: string, id: string) => db().event.findFirst({ where: { projectId, id }, select: { ...listed, payload: true, nextAttemptAt: true, trace: true } });

/** An event as the delivery worker reads it. */
export const findDeliverable = (id: string) =>
  db().event.findUnique({ where: { id }, select: { id: true, projectId: true, externalId: true, type: true, payload: true, status: true, attempts: true, occurredAt: true, receivedAt: true, trace: true, nextAttemptAt: true, clientKey: true, sendDespiteStopList: true } });
export type DeliverableEvent = NonNullable<Awaited<ReturnType<typeof findDeliverable>>>;

/**
 * The client's earlier events still waiting (arrived after a later one, or parked): the job that holds
 * the client's key delivers them first, so the CRM sees the client's events in occurredAt order.
 */
/** The stored reason of a call's recording or summary that waits for its call's log (lib/db/queries/follow-ups.ts). */
export const WAITING_FOR_CALL_LOG = "waiting: the call's log is not in the CRM yet";

/** Earlier queued events of the client; a recording or summary waiting for its call's log is not due. */
export const findEarlierQueued = (event: DeliverableEvent) =>
  event.clientKey
    ? db().event.findMany({
        where: { projectId: event.projectId, clientKey: event.clientKey, status: "queued", occurredAt: { lt: event.occurredAt }, id: { not: event.id }, OR: [{ reason: null }, { reason: { not: WAITING_FOR_CALL_LOG } }] },
        orderBy: { occurredAt: "asc" },
        select: { id: true },
      })
    : Promise.resolve([]);

export async function finishEvent(id: string, outcome: { status: EventStatus; reason: string | null; nextAttemptAt: Date | null; trace: TraceEntry[]; attempted: boolean }) {
  await db().event.update({
    where: { id },
    data: {
      status: outcome.status,
      reason: outcome.reason,
      nextAttemptAt: outcome.nextAttemptAt,
      trace: toJson(outcome.trace),
      ...(outcome.attempted ? { attempts: { increment: 1 } } : {}),
      ...(outcome.status === "delivered" ? { deliveredAt: new Date() } : {}),
    },
  });
}
