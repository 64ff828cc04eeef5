// F19: recordings and summaries of a call (follow-ups) wait, settled, until the call's log is in the CRM;
// the delivery that writes the log hands them back to the client's queue. The hand-over is a claim on the
// waiting reason, so a follow-up is queued again once, whichever of the two deliveries gets there first.
import { db } from "../client";
import { enqueueStored } from "./events";

/** The stored reason of a follow-up that waits for its call's log (shown in words, lib/events/reason.ts). */
export const WAITING_FOR_CALL_LOG = "waiting: the call's log is not in the CRM yet";

/** The queue key of the call's client, from the first stored event of the call that has one. */
export async function findCallClientKey(projectId: string, callId: string): Promise<string | null> {
  const call = await db().event.findFirst({ where: { projectId, callId, type: "call", clientKey: { not: null } }, orderBy: { receivedAt: "asc" }, select: { clientKey: true } });
  return call?.clientKey ?? null;
}

/**
 * Queues again the call's follow-ups that wait for its log (all of them, or the one named), on the call's
 * client queue, in the order they arrived. Answers how many were claimed.
 */
export async function releaseFollowUps(projectId: string, callId: string, only?: string): Promise<number> {
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
