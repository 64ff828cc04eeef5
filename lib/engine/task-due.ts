// F23: when a rule's task is due, in the project's time zone. Pure. "In 4 hours" is an exact moment; "the
// business day's end" is today's end (HH:MM, Monday to Friday) or, once it has passed, the next business
// day's. CRMs that keep a due time (Pipedrive, in UTC) get the moment; those that keep a date only (Zoho
// tasks) get its date in the project's zone.
import { TZDate } from "@date-fns/tz";
import { addDays, addMinutes, format } from "date-fns";
import type { Due } from "@/lib/validation/config";

export interface DueAt {
  /** YYYY-MM-DD in the project's time zone. */
  date: string;
  /** The moment (ISO 8601, UTC). */
  at: string;
}

const isWeekend = (day: TZDate) => day.getDay() === 0 || day.getDay() === 6;

export function dueOf(due: Due, now: Date, timeZone: string, businessDayEnd: string): DueAt {
  let at: TZDate;
  if (due.kind === "businessDayEnd") {
    const [hours, minutes] = businessDayEnd.split(":").map(Number) as [number, number];
    const local = new TZDate(now.getTime(), timeZone);
    at = new TZDate(local.getFullYear(), local.getMonth(), local.getDate(), hours, minutes, 0, timeZone);
    while (at.getTime() <= now.getTime() || isWeekend(at)) at = new TZDate(addDays(at, 1).getTime(), timeZone);
    // Days added across a clock change keep the wall time: set it again.
    at = new TZDate(at.getFullYear(), at.getMonth(), at.getDate(), hours, minutes, 0, timeZone);
  } else {
    at = new TZDate(addMinutes(now, due.kind === "hours" ? due.amount * 60 : due.amount).getTime(), timeZone);
  }
  return { date: format(at, "yyyy-MM-dd"), at: new Date(at.getTime()).toISOString() };
}
