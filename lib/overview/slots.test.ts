import { describe, expect, it } from "vitest";
import { daySlots, hourSlots } from "./slots";

describe("chart slots in the project's time zone", () => {
  it("names the last hours and days as the SQL buckets do, across a DST change", () => {
    const now = new Date("2026-10-25T09:30:00Z"); // Kyiv: 11:30 (UTC+2), the day clocks went back from UTC+3
    const hours = hourSlots(now, "Europe/Kyiv", 3);
    expect(hours.keys).toEqual(["2026-10-25 09:00", "2026-10-25 10:00", "2026-10-25 11:00"]);
    expect(hours.starts.map((start) => start.toISOString())).toEqual(["2026-10-25T07:00:00.000Z", "2026-10-25T08:00:00.000Z", "2026-10-25T09:00:00.000Z"]);
    expect(hours.end.toISOString()).toBe("2026-10-25T10:00:00.000Z");
    const days = daySlots(now, "Europe/Kyiv", 2);
    expect(days.keys).toEqual(["2026-10-24", "2026-10-25"]);
    // The 24th starts at UTC+3, the 25th too (the change is at 04:00), and lasts 25 hours.
    expect(days.starts.map((start) => start.toISOString())).toEqual(["2026-10-23T21:00:00.000Z", "2026-10-24T21:00:00.000Z"]);
    expect(days.end.toISOString()).toBe("2026-10-25T22:00:00.000Z");
  });
});
