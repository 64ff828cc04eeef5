// What the Events page says of an event's reason and its trace lines, in the admin's language: stored
// words where the row has them (lookups' reasons, trace lines since they were kept as words), the reason
// rules for reasons, else the stored English. Pure.
import type { TraceEntry } from "@/lib/db/json";
import { reasonText } from "@/lib/events/reason-text";
import type { Translate } from "@/lib/i18n/config";
import { say, storedWords } from "@/lib/i18n/words";

export function eventReasonText(t: Translate, event: { reason: string | null; payload?: unknown }, format: Intl.DateTimeFormat): string {
  const stored = storedWords((event.payload as { reasonWords?: unknown } | null | undefined)?.reasonWords);
  return stored ? say(t, stored) : reasonText(t, event.reason, format);
}

export function traceLineText(t: Translate, entry: TraceEntry, format: Intl.DateTimeFormat): string {
  const stored = storedWords(entry.words);
  if (stored) return say(t, stored);
  // A live call's phase decision is a reason as events store it.
  return entry.op === "phase" ? reasonText(t, entry.detail, format) : entry.detail;
}
