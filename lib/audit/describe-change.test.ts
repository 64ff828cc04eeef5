import { describe, expect, it } from "vitest";
import { describeChange } from "./describe-change";

describe("describeChange", () => {
  it("lists only the fields that changed, added or removed", () => {
    expect(describeChange({ name: "A", timezone: "UTC", keep: 1 }, { name: "B", timezone: "UTC", keep: 1, added: ["x"] })).toEqual([
      { field: "added", before: "—", after: '["x"]' },
      { field: "name", before: "A", after: "B" },
    ]);
  });

  it("handles a creation (no before) and non-object snapshots", () => {
    expect(describeChange(null, { role: "ADMIN" })).toEqual([{ field: "role", before: "—", after: "ADMIN" }]);
    expect(describeChange("weird", 5)).toEqual([]);
  });
});
