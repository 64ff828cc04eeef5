// The Events page's list: filters, a search by phone / e-mail / id, newest first, a page at a time (keyset:
// the last row's time and id), and "Send again" for every failed event the filters show.
import type { EventStatus, Prisma } from "@/lib/generated/prisma/client";
import { db } from "../client";
import { enqueueStored, listed } from "./events";
import { recordAudit } from "./record-audit";

/** What the Events page's search box was given (lib/events/search.ts reads it). */
export type EventSearch = { phone: string } | { email: string } | { id: string };

export interface EventListFilter {
  status?: EventStatus;
  type?: string;
  /** Responsible-manager lookups are listed only when asked for (or when their type is chosen). */
  lookups: boolean;
  search: EventSearch | null;
}

export interface PageCursor {
  at: Date;
  id: string;
}

export const encodeCursor = (cursor: PageCursor) => `${cursor.at.toISOString()}_${cursor.id}`;
export function decodeCursor(text: string | undefined): PageCursor | null {
  const match = text?.match(/^(\d{4}-\d\d-\d\dT[\d:.]+Z)_(.+)$/);
  return match ? { at: new Date(match[1]!), id: match[2]! } : null;
}

function whereOf(projectId: string, filter: EventListFilter): Prisma.EventWhereInput {
  const search = filter.search;
  return {
    projectId,
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.type ? { type: filter.type } : filter.lookups ? {} : { type: { not: "lookup" } }),
    ...(search && "phone" in search ? { clientPhone: search.phone } : {}),
    ...(search && "email" in search ? { clientEmail: search.email } : {}),
    ...(search && "id" in search ? { OR: [{ id: search.id }, { externalId: search.id }] } : {}),
  };
}

const shown = { ...listed, payload: true, trace: true, clientPhone: true, clientEmail: true, nextAttemptAt: true } as const;

export async function eventsPage(projectId: string, filter: EventListFilter, before: PageCursor | null, limit: number) {
  const where = whereOf(projectId, filter);
  const rows = await db().event.findMany({
    where: before ? { AND: [where, { OR: [{ receivedAt: { lt: before.at } }, { receivedAt: before.at, id: { lt: before.id } }] }] } : where,
    orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    select: shown,
  });
  const events = rows.slice(0, limit);
  const last = events.at(-1);
  return { events, next: rows.length > limit && last ? encodeCursor({ at: last.receivedAt, id: last.id }) : null };
}
export type ListedEvent = Awaited<ReturnType<typeof eventsPage>>["events"][number];

const FAILED: EventStatus[] = ["failed", "dead"];
/** At most this many at once, so one click cannot flood the queue. */
export const RESEND_AT_ONCE = 500;

const failedWhere = (projectId: string, filter: EventListFilter): Prisma.EventWhereInput => ({
  AND: [whereOf(projectId, { ...filter, status: undefined }), { type: { not: "lookup" }, status: filter.status && FAILED.includes(filter.status) ? filter.status : { in: FAILED } }],
});

export const countFailed = (projectId: string, filter: EventListFilter) => db().event.count({ where: failedWhere(projectId, filter) });

/** Every failed or dead event the filters show (oldest first, up to RESEND_AT_ONCE) queued again, audited once. */
export async function requeueFailed(projectId: string, filter: EventListFilter, audit: { userId: string | null; actor: string; target: string }): Promise<number> {
  return db().$transaction(async (tx) => {
    const chosen = (await tx.event.findMany({ where: failedWhere(projectId, filter), orderBy: { occurredAt: "asc" }, take: RESEND_AT_ONCE, select: { id: true } })).map((row) => row.id);
    // Only rows still failed when written: one a worker retried and delivered meanwhile is not sent again.
    const ids = (await tx.event.updateManyAndReturn({ where: { id: { in: chosen }, status: { in: FAILED } }, data: { status: "queued", nextAttemptAt: new Date(), reason: null }, select: { id: true } })).map((row) => row.id);
    if (!ids.length) return 0;
    await enqueueStored(tx, { id: { in: ids } });
    await recordAudit(tx, { projectId, userId: audit.userId, actor: audit.actor, action: "event.resendFailed", target: audit.target, after: { events: ids.length } });
    return ids.length;
  });
}
