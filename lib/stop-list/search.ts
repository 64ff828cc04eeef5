// The stop-list's search: text in a value, SIP pair or note; and a phone number in any format finds the
// entry however it was typed ("0675551234" finds "067 555 12 34" and "+380675551234").
import { normalisePhone } from "@/lib/phone/variants";
import type { StopListEntry } from "@/lib/validation/stop-list";

export function stopListMatches(entry: StopListEntry, query: string, country: string): boolean {
  const needle = query.trim().toLowerCase();
  if (!needle) return true;
  const texts = [entry.value, entry.note, entry.kind === "fmc" ? entry.sipPair : ""];
  if (texts.some((text) => text.toLowerCase().includes(needle))) return true;
  const number = /\d{5,}/.test(needle.replace(/\D/g, "")) ? normalisePhone(needle, country)?.e164 : undefined;
  return Boolean(number) && entry.kind === "fmc" && normalisePhone(entry.value, country)?.e164 === number;
}
