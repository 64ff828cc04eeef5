// The delivery journal (model DeliveryStep): what an event's earlier attempts sent to the CRM.
import { db } from "../client";

export interface JournalEntry {
  state: "sending" | "done";
  crmId: string | null;
}

/** The event's steps on this CRM connection; a journal written for another connection is ignored. */
export async function readJournal(eventId: string, connection: string): Promise<Map<string, JournalEntry>> {
  const rows = await db().deliveryStep.findMany({ where: { eventId, connection }, select: { step: true, state: true, crmId: true } });
  return new Map(rows.map((row) => [row.step, { state: row.state as JournalEntry["state"], crmId: row.crmId }]));
}

export async function writeJournal(eventId: string, step: string, connection: string, entry: JournalEntry): Promise<void> {
  await db().deliveryStep.upsert({
    where: { eventId_step: { eventId, step } },
    create: { eventId, step, connection, state: entry.state, crmId: entry.crmId },
    update: { connection, state: entry.state, crmId: entry.crmId },
  });
}
