import { describe, expect, it } from "vitest";
import { sharedLine } from "./warnings";

describe("shared SIP pairs on the stop-list", () => {
  const entries = [
    { kind: "fmc" as const, sipPair: "office-101" },
    { kind: "fmc" as const, sipPair: "Office-101" },
    { kind: "fmc" as const, sipPair: "olena" },
  ];
  it("warns when several employees took calls on the line, or several FMC numbers use it", () => {
    expect(sharedLine("sales-1", [], { "sales-1": 3 })).toEqual({ employees: 3, entries: 0 });
    expect(sharedLine("office-101", entries, {})).toEqual({ employees: 0, entries: 2 });
  });
  it("is quiet for one person's line", () => {
    expect(sharedLine("olena", entries, { olena: 1 })).toBeNull();
    expect(sharedLine("", entries, {})).toBeNull();
  });
});
