// F6: a cached link is a hint, not a fact. Users merge, delete, re-number and convert records in the CRM,
// so before a delivery writes to the record a link names, the record it read back (the one GET a repeat
// caller needs anyway) must still be live and still hold what the link was made for.
import type { CrmRecord } from "@/lib/connectors/types";
import { samePhone } from "@/lib/phone/variants";
import type { ClientKeys } from "@/lib/events/event-values";
import { words, type Words } from "@/lib/i18n/words";

export type LinkVerdict =
  /** Use the record. */
  | { use: true }
  /** Follow the link to the record that replaced this one (merged away), then check that one. */
  | { use: false; follow: string; why: Words }
  /** Forget the link and search. */
  | { use: false; follow?: undefined; why: Words };

/**
 * Whether `record`, read through the link stored under `linkKey` ("phone:+380…", "email:…", "client:…"),
 * may be used for this client. Pure.
 */
export function checkLinkedRecord(record: CrmRecord, linkKey: string, keys: ClientKeys, country: string, clientIdFieldKey: string | null): LinkVerdict {
  if (record.successorId && record.successorId !== record.id) return { use: false, follow: record.successorId, why: words("link.why.merged", { id: record.successorId }) };
  if (record.inactive) return { use: false, why: words("link.why.deleted") };
  // A converted lead is kept whatever it holds now: decide() leaves it alone, its contact takes the delivery.
  if (record.kind === "lead" && record.converted) return { use: true };
  // A lead that holds no phone at all is one whose CRM keeps phones on its person (Pipedrive): nothing to compare.
  const phoneless = record.kind === "lead" && record.phones.length === 0;
  if (linkKey.startsWith("phone:") && keys.phone && !phoneless && !record.phones.some((phone) => samePhone(phone, keys.phone!, country))) return { use: false, why: words("link.why.lost", { value: keys.phone }) };
  if (linkKey.startsWith("email:") && keys.email && !record.emails.some((email) => email.trim().toLowerCase() === keys.email)) return { use: false, why: words("link.why.lost", { value: keys.email }) };
  if (linkKey.startsWith("client:") && keys.clientId && clientIdFieldKey && String(record.fields[clientIdFieldKey] ?? "") !== keys.clientId) return { use: false, why: words("link.why.lostClientId", { clientId: keys.clientId }) };
  return { use: true };
}

/**
 * A record a search returned that may be linked to: live, not merged away, not a converted lead. (A linked
 * lead that was converted is still used: decide() leaves it alone and the delivery goes to its contact.)
 */
export const linkable = (record: CrmRecord) => !record.inactive && !record.successorId && !(record.kind === "lead" && record.converted);
