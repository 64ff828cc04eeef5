// The hours and days the overview's charts show, in the project's time zone, as the SQL buckets name them.
import { TZDate } from "@date-fns/tz";
import { addDays, addHours, format, startOfDay, startOfHour } from "date-fns";

export function hourSlots(now: Date, timezone: string, count: number): { from: Date; slots: string[] } {
  const first = addHours(startOfHour(new TZDate(now, timezone)), -(count - 1));
  return { from: new Date(first.getTime()), slots: Array.from({ length: count }, (_, index) => format(addHours(first, index), "yyyy-MM-dd HH:00")) };
}

export function daySlots(now: Date, timezone: string, count: number): { from: Date; slots: string[] } {
  const first = addDays(startOfDay(new TZDate(now, timezone)), -(count - 1));
  return { from: new Date(first.getTime()), slots: Array.from({ length: count }, (_, index) => format(addDays(first, index), "yyyy-MM-dd")) };
}
