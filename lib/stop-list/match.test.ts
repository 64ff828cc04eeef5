import { describe, expect, it } from "vitest";
import type { StopListEntry } from "@/lib/validation/stop-list";
import { replayWindowStart } from "@/lib/replay/window";
import { stopListed } from "./match";

const entries: StopListEntry[] = [
  { id: "1", kind: "sip", value: "Office-101", note: "" },
  { id: "2", kind: "fmc", value: "+380 67 123 45 67", sipPair: "director", note: "" },
];

describe("stop-list matching", () => {
  it("matches SIP logins case-insensitively, FMC numbers by their SIP pair or their number in any format", () => {
    expect(stopListed("office-101", entries, "UA")?.id).toBe("1");
    expect(stopListed("director", entries, "UA")?.id).toBe("2");
    expect(stopListed("0671234567", entries, "UA")?.id).toBe("2");
    expect(stopListed("+380671234567", entries, "UA")?.id).toBe("2");
    expect(stopListed("office-102", entries, "UA")).toBeNull();
    expect(stopListed("0671234568", entries, "UA")).toBeNull();
  });
});

describe("replay window", () => {
  it("starts at midnight two days ago in the project's time zone", () => {
    // 01:30 in Kyiv on 21 November is still 20 November in UTC.
    expect(replayWindowStart(new Date("2026-11-20T23:30:00Z"), "Europe/Kyiv").toISOString()).toBe("2026-11-18T22:00:00.000Z");
    expect(replayWindowStart(new Date("2026-11-20T23:30:00Z"), "UTC").toISOString()).toBe("2026-11-18T00:00:00.000Z");
    expect(replayWindowStart(new Date("2026-07-01T12:00:00Z"), "Europe/Warsaw").toISOString()).toBe("2026-06-28T22:00:00.000Z");
  });
});
