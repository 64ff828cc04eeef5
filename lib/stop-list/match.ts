// F9: a call whose line is on the stop-list creates nothing in the CRM (the event is stored as skipped).
// SIP entries match the line's SIP login; FMC numbers match through their SIP pair (seed) or their number.
import { normalisePhone } from "@/lib/phone/variants";
import type { StopListEntry } from "@/lib/validation/stop-list";

const e164 = (value: string, country: string) => normalisePhone(value, country)?.e164 ?? null;

export function stopListed(line: string, entries: StopListEntry[], defaultCountry: string): StopListEntry | null {
  const login = line.trim().toLowerCase();
  const number = e164(line, defaultCountry);
  return (
    entries.find((entry) => {
      if (entry.kind === "sip") return entry.value.toLowerCase() === login;
      return entry.sipPair.toLowerCase() === login || (number !== null && e164(entry.value, defaultCountry) === number);
    }) ?? null
  );
}

/** The reason a stop-listed event shows: the entry that matched. */
export const stopListReason = (entry: StopListEntry) => `stop-list: ${entry.kind === "sip" ? entry.value : `${entry.value} (${entry.sipPair})`}`;
