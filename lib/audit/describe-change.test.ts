import { describe, expect, it } from "vitest";
import { describeChange } from "./describe-change";

describe("describeChange", () => {
  it("lists only the fields that changed, added or removed", () => {
    expect(describeChange({ name: "A", timezone: "UTC", keep: 1 }, { name: "B", timezone: "UTC", keep: 1, added: ["x"] })).toEqual([
      { field: "added", before: "—", after: "x" },
      { field: "name", before: "A", after: "B" },
    ]);
  });

  it("handles a creation (no before) and non-object snapshots", () => {
    expect(describeChange(null, { role: "ADMIN" })).toEqual([{ field: "role", before: "—", after: "ADMIN" }]);
    expect(describeChange("weird", 5)).toEqual([]);
  });

  it("goes down to the single value, matching list entries by id and naming them without ids", () => {
    const rule = (id: string, value: string) => ({ id, pipelineId: "1", stageId: "3", variable: "pool", operator: "equals", value });
    const before = { stopList: [{ id: "b2c4-uuid", kind: "sip", value: "office-101", note: "" }], stageRules: [rule("r1-uuid", "Ads")] };
    const after = {
      stopList: [
        { id: "a1-uuid", kind: "fmc", value: "+380671234567", sipPair: "office-102", note: "" },
        { id: "b2c4-uuid", kind: "sip", value: "office-101", note: "reception" },
      ],
      stageRules: [{ ...rule("r1-uuid", "Ads"), stageId: "4" }],
    };
    const changes = describeChange(before, after);
    expect(changes).toEqual([
      { field: "stageRules › Ads › stageId", before: "3", after: "4" },
      { field: "stopList › +380671234567 › kind", before: "—", after: "fmc" },
      { field: "stopList › +380671234567 › note", before: "—", after: "—" },
      { field: "stopList › +380671234567 › sipPair", before: "—", after: "office-102" },
      { field: "stopList › +380671234567 › value", before: "—", after: "+380671234567" },
      { field: "stopList › office-101 › note", before: "—", after: "reception" },
    ].filter((change) => change.before !== change.after));
    expect(JSON.stringify(changes)).not.toContain("uuid");
  });
});

describe("describeChange with the CRM's names", () => {
  it("names Pipedrive's field hashes, pipelines and stages instead of showing their ids", async () => {
    const { crmNames } = await import("./crm-names");
    const hash = "9f4c2d1e0b8a7c6d5e4f3a2b1c0d9e8f7a6b5c4d";
    const names = crmNames({
      fields: { contact: [{ key: hash, label: "Source", type: "varchar", custom: true, isString: true, readOnly: false }], lead: [], organization: [], deal: [] },
      pipelines: [{ id: "1", name: "Sales", isDefault: true, stages: [{ id: "3", name: "Qualified", order: 1, state: "open" }, { id: "4", name: "Proposal", order: 2, state: "open" }] }],
      users: [{ id: "77", name: "Olena Koval", email: "olena@example.test", active: true }],
    });
    const changes = describeChange(
      { mappings: { call: { contact: [{ id: "m1", field: hash, source: "pool" }] } }, stageRules: [{ id: "r1", pipelineId: "1", stageId: "3", value: "Ads" }] },
      { mappings: { call: { contact: [{ id: "m1", field: hash, source: "utm.source" }] } }, stageRules: [{ id: "r1", pipelineId: "1", stageId: "4", value: "Ads" }] },
      names,
    );
    expect(changes).toEqual([
      { field: "mappings › call › contact › Source › source", before: "pool", after: "utm.source" },
      { field: "stageRules › Ads › stageId", before: "Sales › Qualified", after: "Sales › Proposal" },
    ]);
    expect(JSON.stringify(changes)).not.toContain(hash);
  });
});
