import { describe, expect, it } from "vitest";
import { stopListMatches } from "./search";

const fmc = { id: "1", kind: "fmc" as const, value: "067 555 12 34", sipPair: "office-101", note: "Director's mobile" };
const sip = { id: "2", kind: "sip" as const, value: "reception", note: "" };

describe("stop-list search", () => {
  it("finds a number typed in another format", () => {
    for (const query of ["0675551234", "+380675551234", "(067) 555-12-34", "067 555"]) expect(stopListMatches(fmc, query, "UA"), query).toBe(true);
    expect(stopListMatches(fmc, "0675551299", "UA")).toBe(false);
  });

  it("finds text in the value, SIP pair and note", () => {
    expect(stopListMatches(fmc, "office-1", "UA")).toBe(true);
    expect(stopListMatches(fmc, "director", "UA")).toBe(true);
    expect(stopListMatches(sip, "RECEP", "UA")).toBe(true);
    expect(stopListMatches(sip, "0675551234", "UA")).toBe(false);
  });
});
