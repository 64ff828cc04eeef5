// What the Events page's search box was given: an e-mail, a phone number in any format (normalised with
// the project's country, as events store it), or else an event id (ours or the platform's).
import type { EventListFilter, EventSearch } from "@/lib/db/queries/event-list";
import { normalisePhone } from "@/lib/phone/variants";
import type { EventListFilterOutput } from "@/lib/validation/event-list";


export function parseEventSearch(query: string | undefined, country: string): EventSearch | null {
  const text = (query ?? "").trim();
  if (!text) return null;
  if (/^[^\s@]+@[^\s@]+$/.test(text)) return { email: text.toLowerCase() };
  // Only digits and phone punctuation: a number (an id with letters never reads as one).
  if (/^[+\d\s().-]{5,}$/.test(text)) {
    const phone = normalisePhone(text, country)?.e164;
    if (phone) return { phone };
  }
  return { id: text };
}

/** The Events page's filters (URL or "Send again all failed") as the list's query takes them. */
export const eventListFilter = (input: EventListFilterOutput, country: string): EventListFilter => ({
  status: input.status,
  type: input.type,
  lookups: input.lookups,
  search: parseEventSearch(input.q, country),
});
