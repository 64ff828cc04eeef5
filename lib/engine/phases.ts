// F19: which of a call's entities are written at which phase. Pure: the matrix, the phase that arrived
// and what the call's earlier phases did (call-state.ts) give the matrix row this delivery applies.
import type { MatrixEntity, Trigger } from "@/lib/validation/vocabulary";
import { ACTIONS, MATRIX_ENTITIES } from "@/lib/validation/vocabulary";
import { callIdOf, phaseOf, type CallEvent, type PlatformEvent } from "@/lib/validation/platform-event";
import type { CallState } from "@/lib/db/queries/live-calls";
import type { Matrix, MatrixRow } from "@/lib/validation/config";


export const NO_CALL_STATE: CallState = { phases: [], entities: {}, callLogId: null };

export const isLivePhase = (event: PlatformEvent): event is CallEvent => event.type === "call" && phaseOf(event) !== "completed";

/** The rows of both outcomes of a call's direction. */
const rowsOf = (matrix: Matrix, direction: CallEvent["direction"]) =>
  (["answered", "missed"] as const).map((status) => matrix.find((row) => row.trigger === `call.${direction}.${status}`)!);

/** Of two matrix actions, the one that writes more: an entity wanted by either row is written. */
const STRENGTH = Object.fromEntries([...ACTIONS].reverse().map((action, index) => [action, index])) as Record<MatrixRow["contact"], number>;
const stronger = (a: MatrixRow["contact"], b: MatrixRow["contact"]) => (STRENGTH[a] >= STRENGTH[b] ? a : b);

export type PhaseDecision =
  /** Apply this row's entity actions now; `final` also writes the call log, the recording and the task. */
  | { apply: true; row: MatrixRow; final: boolean; why: string }
  | { apply: false; why: string };

/**
 * The row a phase of a call applies, or why it writes nothing.
 * - completed: the row of its outcome, in full (entities, task, call log), as for a call without phases;
 *   what earlier phases created is found again and updated, never created twice.
 * - ringing: the outcome is not known yet, so an entity is written at ring when the row of either outcome
 *   of this direction writes it at ring (a call that is then missed keeps it, and gets the missed-call task).
 * - answered: the answered row, when it writes at pickup, or at ring and the ringing phase never came.
 * A phase that arrives after the call completed, or a second time, writes nothing: the CRM already holds it.
 */
export function decidePhase(event: CallEvent, matrix: Matrix, state: CallState): PhaseDecision {
  const phase = phaseOf(event);
  if (state.phases.includes(phase)) return { apply: false, why: `${phase}: this phase of call ${callIdOf(event)} was delivered before; nothing written again` };
  if (phase === "completed") {
    const row = matrix.find((candidate) => candidate.trigger === `call.${event.direction}.${event.status ?? "answered"}`)!;
    return { apply: true, row, final: true, why: `completed: the ${row.trigger} row, and the call log` };
  }
  if (state.phases.includes("completed")) return { apply: false, why: `${phase}: call ${callIdOf(event)} has completed already; its entities and call log were written then` };
  if (phase === "ringing" && state.phases.includes("answered")) return { apply: false, why: `ringing: call ${callIdOf(event)} was picked up already; the answered phase wrote what was due` };
  const [answered, missed] = rowsOf(matrix, event.direction) as [MatrixRow, MatrixRow];
  if (phase === "ringing") {
    const atRing = [answered, missed].filter((row) => row.when === "ringing");
    if (!atRing.length) return { apply: false, why: `ringing: the matrix writes this call's entities at ${answered.when === "answered" ? "pickup" : "completion"}` };
    const row = { ...atRing[0]!, task: "none" as const } as MatrixRow;
    for (const entity of MATRIX_ENTITIES.filter((name): name is Exclude<MatrixEntity, "task"> => name !== "task")) row[entity] = atRing.reduce((action, other) => stronger(action, other[entity]), "none" as MatrixRow["contact"]);
    return { apply: true, row, final: false, why: `ringing: ${atRing.map((candidate) => candidate.trigger).join(" and ")} ${atRing.length > 1 ? "write" : "writes"} entities at ring` };
  }
  const due = answered.when === "answered" || (answered.when === "ringing" && !state.phases.includes("ringing"));
  if (!due) return { apply: false, why: answered.when === "ringing" ? "answered: the entities were written at ring" : "answered: the matrix writes this call's entities at completion" };
  return { apply: true, row: { ...answered, task: "none" }, final: false, why: `answered: ${answered.trigger} writes entities at ${answered.when === "answered" ? "pickup" : "ring (the ringing phase did not come)"}` };
}

/** The trigger a phase is shown under (a call still ringing has no outcome: its direction's answered row). */
export const phaseTrigger = (event: CallEvent): Trigger => `call.${event.direction}.${event.status ?? "answered"}`;
