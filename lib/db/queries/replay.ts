// Sending stored events again (F12): the replay after re-activation, its progress, and "Send again" for
// one event. Each queues the events with their delivery jobs in one transaction.
import type { EventStatus } from "@/lib/generated/prisma/enums";
import { db } from "../client";
import { enqueueStored } from "./events";
import { recordAudit } from "./record-audit";

/** Events a replay would send: not delivered, not skipped on purpose, received since `since`. */
export const countReplayableEvents = (projectId: string, since: Date) =>
  db().event.count({ where: { projectId, status: { in: ["queued", "failed"] }, occurredAt: { gte: since } } });


/**
 * On re-activation (F12): with replay, undelivered events of the window are queued again, in order,
 * older ones are skipped; without replay, every undelivered event is skipped (visible, retryable later).
 */
export async function settleUndeliveredEvents(projectId: string, since: Date, replay: boolean): Promise<{ replayed: number; skipped: number }> {
  return db().$transaction(async (tx) => {
    const undelivered = { projectId, status: { in: ["queued", "failed"] as EventStatus[] } };
    if (!replay) {
      const skipped = await tx.event.updateMany({ where: undelivered, data: { status: "skipped", reason: "not sent: the integration was re-activated without replay", nextAttemptAt: null } });
      // An earlier replay's summary would speak of events this activation settled otherwise.
      await tx.integration.update({ where: { projectId }, data: { replayTotal: 0 } });
      return { replayed: 0, skipped: skipped.count };
    }
    const old = await tx.event.updateMany({ where: { ...undelivered, occurredAt: { lt: since } }, data: { status: "skipped", reason: "not sent: older than the 3-day replay window", nextAttemptAt: null } });
    const startedAt = new Date();
    const window = { ...undelivered, occurredAt: { gte: since } };
    // The parked events' "waiting: the integration is inactive" no longer holds once they are queued again.
    const replayed = await tx.event.updateMany({ where: window, data: { status: "queued", nextAttemptAt: startedAt, reason: null } });
    await enqueueStored(tx, { projectId, status: "queued", occurredAt: { gte: since }, nextAttemptAt: startedAt });
    await tx.integration.update({ where: { projectId }, data: { replaySince: since, replayStartedAt: startedAt, replayTotal: replayed.count } });
    return { replayed: replayed.count, skipped: old.count };
  }, { timeout: 60_000 });
}

export interface ReplayProgress {
  total: number;
  delivered: number;
  /** Given up on: the CRM rejected the data, or retries ran out. */
  failed: number;
  /** Failed at least once and scheduled to be tried again. */
  retrying: number;
  /** Not tried yet. */
  waiting: number;
  /** Of those waiting, parked until the integration is active again (it was deactivated or broke meanwhile). */
  parked: number;
  /** Still to go: retrying + waiting. */
  pending: number;
  startedAt: string;
}

/** Where the last replay stands: its events are those of the window received before it started. */
export async function replayProgress(projectId: string): Promise<ReplayProgress | null> {
  const integration = await db().integration.findUnique({ where: { projectId }, select: { replaySince: true, replayStartedAt: true, replayTotal: true } });
  if (!integration?.replaySince || !integration.replayStartedAt || integration.replayTotal === 0) return null;
  const [row] = await db().$queryRaw<Array<{ delivered: bigint; failed: bigint; retrying: bigint; parked: bigint }>>`
    SELECT count(*) FILTER (WHERE status = 'delivered' AND "deliveredAt" >= ${integration.replayStartedAt}) AS delivered,
           count(*) FILTER (WHERE status = 'dead' OR (status = 'failed' AND "nextAttemptAt" IS NULL)) AS failed,
           count(*) FILTER (WHERE status = 'failed' AND "nextAttemptAt" IS NOT NULL) AS retrying,
           count(*) FILTER (WHERE status = 'queued' AND "nextAttemptAt" IS NULL) AS parked
    FROM "Event"
    WHERE "projectId" = ${projectId} AND "occurredAt" >= ${integration.replaySince} AND "receivedAt" <= ${integration.replayStartedAt} AND type <> 'lookup'`;
  const total = integration.replayTotal;
  const delivered = Math.min(Number(row?.delivered ?? 0), total);
  const failed = Math.min(Number(row?.failed ?? 0), total - delivered);
  const retrying = Math.min(Number(row?.retrying ?? 0), total - delivered - failed);
  const waiting = total - delivered - failed - retrying;
  const parked = Math.min(Number(row?.parked ?? 0), waiting);
  return { total, delivered, failed, retrying, waiting, parked, pending: retrying + waiting, startedAt: integration.replayStartedAt.toISOString() };
}

/** What did not reach the CRM and may be sent again; a parked queued event may too (lib/replay/send-again.ts). */
export const SEND_AGAIN_STATUSES: readonly EventStatus[] = ["failed", "skipped", "dead"];

/**
 * A single event sent again: back in the queue with a new delivery job. Delivered events are not sent twice.
 * `despiteStopList` is the admin's explicit choice for a stop-listed call, audited with who made it.
 */
export async function requeueEvent(projectId: string, id: string, options: { despiteStopList?: { reason: string; userId: string | null; actor: string; target: string } } = {}): Promise<boolean> {
  return db().$transaction(async (tx) => {
    const result = await tx.event.updateMany({
      where: { projectId, id, type: { not: "lookup" }, OR: [{ status: { in: [...SEND_AGAIN_STATUSES] } }, { status: "queued", nextAttemptAt: null }] },
      data: { status: "queued", nextAttemptAt: new Date(), reason: null, sendDespiteStopList: Boolean(options.despiteStopList) },
    });
    if (result.count !== 1) return false;
    await enqueueStored(tx, { projectId, id });
    const override = options.despiteStopList;
    if (override) {
      await recordAudit(tx, { projectId, userId: override.userId, actor: override.actor, action: "event.resendDespiteStopList", target: override.target, after: { eventId: id, stopList: override.reason } });
    }
    return true;
  });
}
