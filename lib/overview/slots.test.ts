import { describe, expect, it } from "vitest";
import { daySlots, hourSlots } from "./slots";

describe("chart slots in the project's time zone", () => {
  it("names the last hours and days as the SQL buckets do, across a DST change", () => {
    const now = new Date("2026-10-25T09:30:00Z"); // Kyiv: 11:30 (UTC+2), the day clocks went back from UTC+3
    const hours = hourSlots(now, "Europe/Kyiv", 3);
    expect(hours.slots).toEqual(["2026-10-25 09:00", "2026-10-25 10:00", "2026-10-25 11:00"]);
    expect(hours.from.toISOString()).toBe("2026-10-25T07:00:00.000Z");
    const days = daySlots(now, "Europe/Kyiv", 2);
    expect(days.slots).toEqual(["2026-10-24", "2026-10-25"]);
    expect(days.from.toISOString()).toBe("2026-10-23T21:00:00.000Z");
  });
});
