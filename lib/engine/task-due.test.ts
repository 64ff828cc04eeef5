import { describe, expect, it } from "vitest";
import { dueOf } from "./task-due";

const KYIV = "Europe/Kyiv";

describe("dueOf", () => {
  it("in so many hours or minutes: the exact moment, and its date in the project's zone", () => {
    // 22:30 in Kyiv (UTC+2 in December): 4 hours later is 02:30 the next day there.
    expect(dueOf({ kind: "hours", amount: 4 }, new Date("2026-12-03T20:30:00Z"), KYIV, "18:00")).toEqual({ date: "2026-12-04", at: "2026-12-04T00:30:00.000Z" });
    expect(dueOf({ kind: "minutes", amount: 45 }, new Date("2026-12-03T08:00:00Z"), KYIV, "18:00")).toEqual({ date: "2026-12-03", at: "2026-12-03T08:45:00.000Z" });
  });

  it("the business day's end: today's, or the next business day's once it has passed or on a weekend", () => {
    // Thursday 10:00 Kyiv → Thursday 18:00 Kyiv.
    expect(dueOf({ kind: "businessDayEnd", amount: 0 }, new Date("2026-12-03T08:00:00Z"), KYIV, "18:00")).toEqual({ date: "2026-12-03", at: "2026-12-03T16:00:00.000Z" });
    // Friday 19:00 Kyiv → Monday 18:00 Kyiv.
    expect(dueOf({ kind: "businessDayEnd", amount: 0 }, new Date("2026-12-04T17:00:00Z"), KYIV, "18:00")).toEqual({ date: "2026-12-07", at: "2026-12-07T16:00:00.000Z" });
    // Saturday → Monday; in Warsaw's zone.
    expect(dueOf({ kind: "businessDayEnd", amount: 0 }, new Date("2026-12-05T09:00:00Z"), "Europe/Warsaw", "17:30")).toEqual({ date: "2026-12-07", at: "2026-12-07T16:30:00.000Z" });
  });

  it("keeps the wall time across a clock change", () => {
    // Friday 27 March 2026, 19:00 Kyiv (UTC+2); Monday 30 March is summer time (UTC+3): 18:00 there is 15:00 UTC.
    expect(dueOf({ kind: "businessDayEnd", amount: 0 }, new Date("2026-03-27T17:00:00Z"), KYIV, "18:00")).toEqual({ date: "2026-03-30", at: "2026-03-30T15:00:00.000Z" });
  });
});
