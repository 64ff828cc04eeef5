// F12: "the last 3 days" of a replay are the two previous days and today, in the project's time zone.
import { TZDate } from "@date-fns/tz";
import { startOfDay, subDays } from "date-fns";

export function replayWindowStart(now: Date, timeZone: string): Date {
  return new Date(startOfDay(subDays(new TZDate(now.getTime(), timeZone), 2)).getTime());
}
