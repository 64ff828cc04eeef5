// Which task rules could fire for an event: only those make a delivery read the client's earlier task back.
import { describe, expect, it } from "vitest";
import type { ClientEvent } from "@/lib/validation/platform-event";
import { TASK_RULES_DEFAULT, type MatrixRow } from "@/lib/validation/config";
import { rulesThatMayFire } from "./task-rules";

const call = (status: "answered" | "missed", direction: "incoming" | "outgoing" = "incoming") =>
  ({ id: "c", type: "call", direction, status, startedAt: "2026-12-03T10:00:00.000Z", caller: "+380671234567", callee: "+380441234567", line: "sales-1" }) as ClientEvent;
const row = (task: "create" | "none") => ({ trigger: "call.incoming.missed", lead: "none", contact: "create", organization: "none", deal: "create", task, when: "completed" }) as MatrixRow;
const rules = { ...TASK_RULES_DEFAULT, otherAnswered: { ...TASK_RULES_DEFAULT.otherAnswered, enabled: true }, unknownEmployee: { ...TASK_RULES_DEFAULT.unknownEmployee, enabled: false } };

describe("rules that may fire", () => {
  it("names only a rule this event could write", () => {
    expect(rulesThatMayFire(call("missed"), row("create"), rules)).toEqual(["missed"]);
    expect(rulesThatMayFire(call("missed"), row("none"), rules)).toEqual([]);
    expect(rulesThatMayFire(call("answered"), row("none"), rules)).toEqual(["otherAnswered"]);
    expect(rulesThatMayFire(call("answered"), row("none"), { ...rules, unknownEmployee: { ...rules.unknownEmployee, enabled: true } })).toEqual(["otherAnswered", "unknownEmployee"]);
    expect(rulesThatMayFire(call("answered", "outgoing"), row("none"), rules)).toEqual([]);
    expect(rulesThatMayFire({ id: "f", type: "form", submittedAt: "2026-12-03T10:00:00.000Z", fields: {} } as ClientEvent, row("create"), rules)).toEqual([]);
  });
});
