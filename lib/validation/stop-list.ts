// The stop-list (F9): SIP logins, or FMC numbers with their SIP pair, whose calls create nothing in the
// CRM. Matching, pasting, searching and warnings live in lib/stop-list.
import { isValidPhoneNumber } from "libphonenumber-js";
import { z } from "zod";
import { stopListMaxEntries } from "./limits";
import { configId as id, text } from "./text";

export const SIP_LOGIN = /^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$/;

export const stopListEntrySchema = z.discriminatedUnion("kind", [
  z.object({ id, kind: z.literal("sip"), value: text(64).trim().regex(SIP_LOGIN, "validation.sipLogin"), note: text(200).trim().default("") }),
  z.object({
    id,
    kind: z.literal("fmc"),
    value: text(64)
      .trim()
      .refine((value) => isValidPhoneNumber(value, "UA") || isValidPhoneNumber(value), "validation.phone"),
    /** FMC numbers are matched only through their SIP pair (seed). */
    sipPair: text(64).trim().regex(SIP_LOGIN, "validation.sipPair"),
    note: text(200).trim().default(""),
  }),
]);
export const stopListSchema = z.array(stopListEntrySchema).max(5000).superRefine((entries, context) => {
  // Every call is checked against every entry: a bound per project keeps one tenant's list from costing
  // everyone's CPU. Not a message key: it names the limit, which the operator sets.
  const max = stopListMaxEntries();
  if (entries.length > max) {
    context.addIssue({ code: "custom", path: [], message: `The stop-list holds at most ${max} entries (STOP_LIST_MAX_ENTRIES); this one has ${entries.length}.` });
    return;
  }
  const seen = new Set<string>();
  entries.forEach((entry, index) => {
    const key = `${entry.kind}:${entry.value.toLowerCase()}`;
    if (seen.has(key)) context.addIssue({ code: "custom", path: [index, "value"], message: "validation.duplicateEntry" });
    seen.add(key);
  });
});
export type StopListEntry = z.infer<typeof stopListEntrySchema>;
