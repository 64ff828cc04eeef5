// F19: the state of a call across its phases (lib/engine/phases.ts). Read and written by the delivery of
// each phase; one client's events are delivered one at a time (key_strict_fifo), so no two phases of a
// call with a number race here.
import type { CallPhase } from "@/lib/validation/vocabulary";
import { db } from "../client";

type Key = { projectId: string; callId: string; connection: string };

/** What the call's earlier deliveries did, as far as the next one needs to know (lib/engine/phases.ts). */
export interface CallState {
  /** Phases delivered so far (in the order they were delivered, which need not be the order they happened). */
  phases: CallPhase[];
  /** The call's CRM records written or found by earlier phases, by kind. */
  entities: Partial<Record<"contact" | "organization" | "deal" | "lead", string>>;
  callLogId: string | null;
}

export async function findLiveCall(key: Key): Promise<CallState | null> {
  const row = await db().liveCall.findUnique({ where: { projectId_callId_connection: key } });
  return row ? { phases: row.phases as CallPhase[], entities: row.entities as CallState["entities"], callLogId: row.callLogId } : null;
}

/** Adds a delivered phase and what it wrote; earlier entity ids are kept unless this phase names others. */
export async function recordLivePhase(key: Key, phase: CallPhase, wrote: { entities: CallState["entities"]; callLogId?: string | null }) {
  const before = await findLiveCall(key);
  const phases = before?.phases.includes(phase) ? before.phases : [...(before?.phases ?? []), phase];
  const entities = { ...(before?.entities ?? {}), ...wrote.entities };
  const callLogId = wrote.callLogId ?? before?.callLogId ?? null;
  await db().liveCall.upsert({ where: { projectId_callId_connection: key }, create: { ...key, phases, entities, callLogId }, update: { phases, entities, callLogId } });
}
