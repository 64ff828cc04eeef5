// Pipedrive's company-wide quotas as the connector reads them, and when they come back.
// https://pipedrive.readme.io/docs/core-api-concepts-rate-limiting
// - The daily token budget "resets at the start of the next day" — midnight in the company's time zone.
//   Pipedrive sends no reset header for it, only what is left: x-daily-ratelimit-token-remaining (the
//   live API's name; absent for a few requests after a long idle time, so it is optional). A used-up
//   budget answers 429 with that header at 0; an ordinary burst 429 has it above 0 or not at all.
// - The company's time zone is not in any header: GET /v1/users/me names the user's `timezone_name`,
//   which the connector remembers from the connection test (or reads while budget is still left), since
//   a call made after the budget ran out is refused like every other.
// - 402 "Company account is not open": billing lapsed; nothing works until an admin pays, so deliveries
//   pause and look again in an hour.
import { processShared } from "@/lib/cache/process-shared";

export const DAILY_REMAINING_HEADER = "x-daily-ratelimit-token-remaining";
export const UNPAID_RETRY_MS = 3_600_000;
/** Below this many tokens left, the connector learns the company's time zone while it still can. */
export const LOW_BUDGET_TOKENS = 500;

/** Per CRM account, in this process: the company's time zone, and until when the budget is known spent. */
export const companyTimeZones = processShared("pipedrive-time-zones", () => new Map<string, string>());
export const budgetSpentUntil = processShared("pipedrive-budget-spent", () => new Map<string, number>());

export function dailyRemaining(headers: Headers): number | null {
  const value = headers.get(DAILY_REMAINING_HEADER);
  if (value === null || value.trim() === "") return null;
  const left = Number(value);
  return Number.isFinite(left) ? left : null;
}

/** Minutes the zone is ahead of UTC at `at`. */
function offsetMinutes(at: number, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" })
      .formatToParts(new Date(at))
      .map((part) => [part.type, part.value]),
  );
  const local = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return Math.round((local - Math.floor(at / 1000) * 1000) / 60_000);
}

/** The next midnight in `timeZone` after `now` (UTC midnight when the zone is unknown or invalid). */
export function nextMidnight(now: Date, timeZone: string | undefined): Date {
  let zone = timeZone ?? "UTC";
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
  } catch {
    zone = "UTC";
  }
  const at = now.getTime();
  const local = new Date(at + offsetMinutes(at, zone) * 60_000);
  const guess = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + 1);
  // The offset at midnight itself (a DST change may fall between now and then).
  let result = guess - offsetMinutes(guess, zone) * 60_000;
  result = guess - offsetMinutes(result, zone) * 60_000;
  return new Date(result);
}
