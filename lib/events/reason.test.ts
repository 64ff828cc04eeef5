import { describe, expect, it } from "vitest";
import { reasonInWords, reasonParts } from "./reason";

describe("reasons in words", () => {
  it.each([
    ["stop-list: office-101", { key: "stopList", values: { entry: "office-101" } }],
    ["paused: Pipedrive refused the API token", { key: "paused", values: {} }],
    ["waiting: the integration is inactive", { key: "waiting", values: { status: "inactive" } }],
    ["waiting: no CRM connected", { key: "notConnected", values: {} }],
    ["not sent: older than the 3-day replay window", { key: "tooOld", values: {} }],
    ['caller "anonymous" is not a phone number: no contact, lead or deal is created or matched', { key: "notPhone", values: { caller: "anonymous" } }],
    ["gave up after 8 attempts: Create Contacts: Zoho answered 503", { key: "gaveUp", values: { attempts: "8" } }],
    ["Create Deals: Zoho API limit reached (TOO_MANY_REQUESTS)", { key: "rateLimited", values: {} }],
    ["Create Deals: INVALID_DATA (Stage): invalid stage for the pipeline", { key: "invalidField", values: { field: "Stage" } }],
    ["Create Contacts: MANDATORY_NOT_FOUND (Last_Name)", { key: "missingField", values: { field: "Last_Name" } }],
    ["Create persons: Pipedrive answered 502", { key: "crmDown", values: {} }],
    ["connect ECONNREFUSED 127.0.0.1:9", { key: "unreachable", values: {} }],
  ])("%s", (reason, words) => expect(reasonInWords(reason)).toEqual(words));

  it("reads each of a delivered event's notes", () => {
    expect(reasonParts("contact: nothing to update (not found); lead: converted in the CRM, left alone; something new")).toEqual([
      { key: "nothingToUpdate", values: { entity: "contact" } },
      { key: "leadConverted", values: {} },
      "something new",
    ]);
  });

  it("leaves other reasons as they are", () => {
    expect(reasonInWords("the CRM said something unheard of")).toBeNull();
    expect(reasonInWords(null)).toBeNull();
  });
});

describe("a live call's phase notes in words", () => {
  it("has words for every note decidePhase writes", async () => {
    const { decidePhase } = await import("@/lib/engine/phases");
    const { defaultConfig } = await import("@/lib/config/defaults");
    const matrix = defaultConfig().matrix;
    const atRing = matrix.map((row) => (row.trigger.startsWith("call.incoming") ? { ...row, when: "ringing" as const } : row));
    const atPickup = matrix.map((row) => (row.trigger.startsWith("call.incoming") ? { ...row, when: "answered" as const } : row));
    const call = (phase: "ringing" | "answered" | "completed") => ({ id: `c-${phase}`, callId: "c1", phase, type: "call", direction: "incoming", status: phase === "completed" ? "answered" : undefined, startedAt: "2026-12-01T10:00:00Z", caller: "+380671234567", callee: "+380441234567", line: "l1" }) as never;
    const notes = [
      decidePhase(call("ringing"), matrix, { phases: [], entities: {} } as never).why,
      decidePhase(call("ringing"), atPickup, { phases: [], entities: {} } as never).why,
      decidePhase(call("ringing"), atRing, { phases: [], entities: {} } as never).why,
      decidePhase(call("ringing"), atRing, { phases: ["ringing"], entities: {} } as never).why,
      decidePhase(call("ringing"), atRing, { phases: ["answered"], entities: {} } as never).why,
      decidePhase(call("answered"), atRing, { phases: ["ringing"], entities: {} } as never).why,
      decidePhase(call("answered"), atPickup, { phases: [], entities: {} } as never).why,
      decidePhase(call("answered"), matrix, { phases: ["completed"], entities: {} } as never).why,
      decidePhase(call("completed"), matrix, { phases: [], entities: {} } as never).why,
    ];
    const keys = notes.map((note) => reasonInWords(note)?.key ?? `none: ${note}`);
    expect(keys).toEqual(["phaseLater", "phaseLater", "phaseWrites", "phaseRepeated", "ringAfterPickup", "writtenAtRing", "phaseWrites", "phaseAfterEnd", "phaseWrites"]);
    expect(reasonInWords(notes[0]!)).toEqual({ key: "phaseLater", values: { phase: "ringing", at: "completed" } });
  });
});

describe("a recording or summary waiting for its call", () => {
  it("is named in words, not shown as the engine's text", async () => {
    const { WAITING_FOR_CALL_LOG } = await import("@/lib/db/queries/follow-ups");
    expect(reasonInWords(WAITING_FOR_CALL_LOG)).toEqual({ key: "waitingForCall", values: {} });
  });
});
