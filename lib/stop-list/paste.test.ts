import { describe, expect, it } from "vitest";
import { linesToFix, parseStopListPaste } from "./paste";

let counter = 0;
const newId = () => `id-${++counter}`;

describe("stop-list bulk paste", () => {
  it("reads SIP logins and FMC numbers with their pair and note, and reports every line", () => {
    const existing = [{ id: "x", kind: "sip" as const, value: "office-101", note: "" }];
    const { added, report } = parseStopListPaste(
      ["office-102", "+380 67 123 45 67, office-101, director's mobile", "", "office-101", "bad login!", "+380 67 000, office-1", "0671112233", "office-102"].join("\n"),
      existing,
      newId,
    );
    expect(added.map((entry) => [entry.kind, entry.value, "sipPair" in entry ? entry.sipPair : null, entry.note])).toEqual([
      ["sip", "office-102", null, ""],
      ["fmc", "+380 67 123 45 67", "office-101", "director's mobile"],
    ]);
    expect(report.map((line) => [line.line, line.outcome, line.message])).toEqual([
      [1, "added", undefined],
      [2, "added", undefined],
      [4, "duplicate", undefined],
      [5, "invalid", "validation.sipLogin"],
      [6, "invalid", "validation.phone"],
      [7, "invalid", "validation.sipPair"],
      [8, "duplicate", undefined],
    ]);
  });

  it("reads a quoted note with commas in it as one note (CSV)", () => {
    const { added } = parseStopListPaste('+380 67 123 45 67, office-101, "director, mobile"\noffice-105, "reception, front desk"', [], newId);
    expect(added.map((entry) => entry.note)).toEqual(["director, mobile", "reception, front desk"]);
  });

  it("keeps the lines that could not be added, to be fixed in place", () => {
    const { report } = parseStopListPaste("office-101\n+38067, \nreception\n12345678, \n", [], () => "id");
    expect(linesToFix(report)).toBe("+38067,\n12345678,");
  });
});
