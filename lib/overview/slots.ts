// The hours and days the overview's charts show, in the project's time zone: each slot's key (as the
// charts label it) and the instant it starts, so the SQL only places events among known bounds.
import { TZDate } from "@date-fns/tz";
import { addDays, addHours, format, startOfDay, startOfHour } from "date-fns";

export interface Slots {
  keys: string[];
  starts: Date[];
  /** When the last slot ends. */
  end: Date;
}

export function hourSlots(now: Date, timezone: string, count: number): Slots {
  const first = addHours(startOfHour(new TZDate(now, timezone)), -(count - 1));
  const at = (index: number) => addHours(first, index);
  return { keys: Array.from({ length: count }, (_, index) => format(at(index), "yyyy-MM-dd HH:00")), starts: Array.from({ length: count }, (_, index) => new Date(at(index).getTime())), end: new Date(at(count).getTime()) };
}

export function daySlots(now: Date, timezone: string, count: number): Slots {
  const first = addDays(startOfDay(new TZDate(now, timezone)), -(count - 1));
  const at = (index: number) => addDays(first, index);
  return { keys: Array.from({ length: count }, (_, index) => format(at(index), "yyyy-MM-dd")), starts: Array.from({ length: count }, (_, index) => new Date(at(index).getTime())), end: new Date(at(count).getTime()) };
}
