// F19: recordings and summaries of a call (follow-ups) wait, settled, until the call's log is in the CRM;
// the delivery that writes the log hands them back to the client's queue. The hand-over is a claim on the
// waiting reason, so a follow-up is queued again once, whichever of the two deliveries gets there first.
import { db } from "../client";
import { enqueueStored, WAITING_FOR_CALL_LOG } from "./events";

export { WAITING_FOR_CALL_LOG };

/** The first stored event of the call with a queue key: its client's key, and whether it was skipped. */
export async function findStoredCall(projectId: string, callId: string): Promise<{ clientKey: string; skipped: string | null } | null> {
  const call = await db().event.findFirst({ where: { projectId, callId, type: "call", clientKey: { not: null } }, orderBy: { receivedAt: "asc" }, select: { clientKey: true, status: true, reason: true } });
  return call ? { clientKey: call.clientKey!, skipped: call.status === "skipped" ? call.reason : null } : null;
}

const findCallClientKey = async (projectId: string, callId: string) => (await findStoredCall(projectId, callId))?.clientKey ?? null;

/**
 * Queues again the call's follow-ups that wait for its log (all of them, or the one named), on the call's
 * client queue, in the order they arrived. Answers how many were claimed.
 */
export async function releaseFollowUps(projectId: string, callId: string, only?: string): Promise<number> {
  // Most call logs have nothing waiting: one indexed count (projectId, callId) instead of a transaction.
  // A follow-up that starts waiting just after looks for the call log itself once parked (lib/engine/follow-up.ts).
  const waiting = await db().event.count({ where: { projectId, callId, status: "queued", reason: WAITING_FOR_CALL_LOG, ...(only ? { id: only } : {}) } });
  if (!waiting) return 0;
  return db().$transaction(async (tx) => {
    const clientKey = await findCallClientKey(projectId, callId);
    // The claim: a row changes only while it still waits (a concurrent UPDATE re-reads it after the first
    // commits and finds it claimed), so a follow-up is handed back once.
    const claimed = await tx.$queryRaw<Array<{ id: string }>>`
      UPDATE "Event" SET reason = NULL, "nextAttemptAt" = (now() AT TIME ZONE 'UTC'), "clientKey" = COALESCE(${clientKey}, "clientKey")
      WHERE "projectId" = ${projectId} AND "callId" = ${callId} AND status = 'queued' AND reason = ${WAITING_FOR_CALL_LOG} AND (${only ?? null}::text IS NULL OR id = ${only ?? null})
      RETURNING id`;
    if (claimed.length) await enqueueStored(tx, { id: { in: claimed.map((row) => row.id) } });
    return claimed.length;
  });
}
