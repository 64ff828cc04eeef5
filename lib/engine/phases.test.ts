// F19 without network: which phase of a call writes what, in any order, however often it arrives.
import { describe, expect, it } from "vitest";
import { defaultConfig } from "@/lib/config/defaults";
import type { CallPhase } from "@/lib/validation/vocabulary";
import { callEventSchema, parseEvent, type CallEvent } from "@/lib/validation/platform-event";
import type { Matrix } from "@/lib/validation/config";
import { matrixSchema } from "@/lib/validation/config";
import { decide } from "./decide";
import type { CallState } from "@/lib/db/queries/live-calls";
import { decidePhase, NO_CALL_STATE } from "./phases";

const base = { type: "call", callId: "call-1", direction: "incoming", startedAt: "2026-12-03T10:00:00Z", caller: "067 123 45 67", callee: "+380441234567", line: "sales", employee: { sip: "olena" } };
const phase = (phase: CallPhase, patch: Record<string, unknown> = {}) => callEventSchema.parse({ ...base, id: `e-${phase}`, phase, ...(phase === "completed" ? { status: "answered" } : {}), ...patch }) as CallEvent;
const matrix = (when: Partial<Record<"answered" | "missed", CallPhase>>): Matrix =>
  defaultConfig().matrix.map((row) => (row.trigger === "call.incoming.answered" && when.answered ? { ...row, when: when.answered } : row.trigger === "call.incoming.missed" && when.missed ? { ...row, when: when.missed } : row));
const state = (phases: CallPhase[]): CallState => ({ ...NO_CALL_STATE, phases });

describe("call phases in the event schema", () => {
  it("today's events stay valid: no phase means completed, the call id is the event id", () => {
    const parsed = parseEvent({ ...base, callId: undefined, id: "old-1", status: "missed" });
    expect(parsed.ok && parsed.event).toMatchObject({ phase: "completed", callId: "old-1", status: "missed" });
  });
  it("status is required only once the call has completed", () => {
    expect(parseEvent({ ...base, id: "r", phase: "ringing" }).ok).toBe(true);
    expect(parseEvent({ ...base, id: "a", phase: "answered" }).ok).toBe(true);
    const completed = parseEvent({ ...base, id: "c", phase: "completed" });
    expect(completed.ok ? [] : completed.issues).toEqual([{ path: "status", message: 'is required when the call has completed (phase "completed", the default)' }]);
    expect(parseEvent({ ...base, id: "x", phase: "hanging" }).ok).toBe(false);
  });
});

describe("decidePhase", () => {
  it("by default (after the call) ringing and pickup write nothing; completion writes the row, its task and the call log", () => {
    const config = matrix({});
    expect(decidePhase(phase("ringing"), config, NO_CALL_STATE)).toMatchObject({ apply: false, why: "ringing: the matrix writes this call's entities at completion" });
    expect(decidePhase(phase("answered"), config, NO_CALL_STATE)).toMatchObject({ apply: false });
    expect(decidePhase(phase("completed", { status: "missed" }), config, state(["ringing"]))).toMatchObject({ apply: true, final: true, row: { trigger: "call.incoming.missed", task: "create" } });
  });

  it("at ring: an entity wanted at ring by either outcome's row, no task, no call log", () => {
    const config = matrix({ answered: "ringing" }).map((row) => (row.trigger === "call.incoming.missed" ? { ...row, when: "ringing" as const, deal: "none" as const, organization: "create" as const } : row));
    const decision = decidePhase(phase("ringing"), config, NO_CALL_STATE);
    expect(decision).toMatchObject({ apply: true, final: false, row: { contact: "create", deal: "create", organization: "create", task: "none" } });
    const plan = decide({ event: phase("ringing"), config: { ...defaultConfig(), matrix: config }, found: { contact: null, organization: null, deal: null, lead: null }, pipelines: [], crmUsers: [], defaultCountry: "UA", today: "2026-12-03", phase: decision.apply ? decision : undefined });
    expect(plan.steps.map((step) => step.op)).toEqual(["create", "create", "create"]);
  });

  it("at pickup: when the row says so, or at ring when the ringing phase never came", () => {
    expect(decidePhase(phase("answered"), matrix({ answered: "answered" }), NO_CALL_STATE)).toMatchObject({ apply: true, final: false });
    expect(decidePhase(phase("answered"), matrix({ answered: "ringing" }), NO_CALL_STATE)).toMatchObject({ apply: true, why: "answered: call.incoming.answered writes entities at ring (the ringing phase did not come)" });
    expect(decidePhase(phase("answered"), matrix({ answered: "ringing" }), state(["ringing"]))).toMatchObject({ apply: false, why: "answered: the entities were written at ring" });
  });

  it("a phase twice, or after the call completed, or a ring after the pickup, writes nothing", () => {
    const config = matrix({ answered: "ringing" });
    expect(decidePhase(phase("ringing"), config, state(["ringing"]))).toMatchObject({ apply: false, why: "ringing: this phase of call call-1 was delivered before; nothing written again" });
    expect(decidePhase(phase("completed"), config, state(["completed"]))).toMatchObject({ apply: false });
    expect(decidePhase(phase("ringing"), config, state(["completed"]))).toMatchObject({ apply: false, why: "ringing: call call-1 has completed already; its entities and call log were written then" });
    expect(decidePhase(phase("ringing"), config, state(["answered"]))).toMatchObject({ apply: false });
  });

  it("the matrix takes `when` per call trigger (default after the call) and refuses it on forms and chats", () => {
    // A document stored before live calls: rows without `when`.
    const stored = defaultConfig().matrix.map((row) => Object.fromEntries(Object.entries(row).filter(([key]) => key !== "when")));
    expect(matrixSchema.parse(stored).every((row) => row.when === "completed")).toBe(true);
    const wrong = matrixSchema.safeParse(defaultConfig().matrix.map((row) => (row.trigger === "form" ? { ...row, when: "ringing" } : row)));
    expect(wrong.success ? [] : wrong.error.issues.map((issue) => issue.message)).toEqual(["validation.whenCallsOnly"]);
  });
});
