// F8 with first touch (issue 21, item 9). The seed's rule writes UTM tags into an existing entity only while
// all its UTM fields are empty: the first event to reach the CRM wins. Events do not reach it in the order
// they happened (a replay, a retry, a platform that posts late), so the first to arrive is not always the
// client's first touch. Callbridge therefore remembers, per CRM record, the tags it wrote and the time of
// the event they came from; an earlier event replaces exactly those tags, and anything an admin or another
// source wrote (a field that no longer holds what we wrote) stays. Pure: the memory comes in as input, and
// what to remember comes out, for the executor to store once the CRM took the write.
import type { CrmRecord } from "@/lib/connectors/types";

/** What Callbridge last wrote into one record's UTM fields, and the `occurredAt` of the event it came from. */
export interface UtmWritten {
  occurredAt: Date;
  /** CRM field → the value written. Fields whose value an admin has changed since are no longer ours. */
  values: Record<string, string>;
}

export interface UtmDecision {
  /** The UTM fields to write ("" clears a tag that a later event wrote and the earlier one does not have). */
  fields: Record<string, string>;
  /** What the record's UTM fields will hold from Callbridge once the write succeeds; null: nothing to remember. */
  remember: UtmWritten | null;
  /** Said when an earlier event's tags replace a later one's (the event log shows it). */
  note?: string;
}

const text = (value: unknown) => (value === null || value === undefined ? "" : String(value).trim());

/**
 * The UTM part of a create or update.
 * @param tags this event's UTM values by CRM field (empty values left out)
 * @param utmFields every CRM field the configuration fills from a UTM tag, for this entity
 * @param existing the record found in the CRM, or null when it is about to be created
 * @param written what Callbridge remembers writing into that record (null: nothing, or not known)
 */
export function decideUtm(input: { tags: Record<string, string>; utmFields: string[]; occurredAt: Date; existing: CrmRecord | null; written: UtmWritten | null }): UtmDecision {
  const { tags, utmFields, occurredAt, existing, written } = input;
  // An event without tags (a direct call) is no touch to attribute: it neither writes nor clears them.
  if (utmFields.length === 0 || Object.keys(tags).length === 0) return { fields: {}, remember: null };
  const current = (field: string) => text(existing?.fields[field]);
  if (!existing || utmFields.every((field) => current(field) === "")) return { fields: { ...tags }, remember: { occurredAt, values: { ...tags } } };
  // Filled, and not by a later event of ours: the seed's rule keeps what is there.
  if (!written || occurredAt.getTime() >= written.occurredAt.getTime()) return { fields: {}, remember: null };

  // An earlier touch than the one whose tags we wrote: it takes their place, field by field.
  const fields: Record<string, string> = {};
  const values: Record<string, string> = {};
  let replaced = false;
  for (const field of utmFields) {
    const now = current(field);
    const ours = field in written.values && now === written.values[field];
    if (!ours && now !== "") continue; // an admin's or another source's value
    const next = tags[field] ?? "";
    if (ours) replaced = true;
    if (next !== "") values[field] = next;
    if (next !== now) fields[field] = next;
  }
  // Every tag we wrote has been changed in the CRM since: they are someone else's now, and stay.
  if (!replaced) return { fields: {}, remember: null };
  return { fields, remember: { occurredAt, values }, note: `UTM tags of an earlier touch (${occurredAt.toISOString()}) replace those of ${written.occurredAt.toISOString()}` };
}
