// Values fitted to the CRM's field lengths before they are sent: a name of 10,000 characters is cut to what
// the field stores instead of failing at the CRM on every retry. Each connector reads the lengths from its
// CRM's field metadata; what was cut is reported, so the delivery's trace can say so. Every text value
// on the way is also kept from running as a spreadsheet formula in the CRM's exports (./formula.ts).
import { ttlCache } from "@/lib/cache/ttl";
import { neutraliseFormula } from "./formula";
import type { CrmField } from "./types";

/** What a create or update cut to fit, e.g. `Last_Name: 10000 → 255 characters`. */
export interface WriteResult {
  fitted?: string[];
}

/** Field lengths per CRM account and entity; fields change rarely, so they are read at most every 10 min. */
export const fieldLengthCache = ttlCache<Map<string, number>>("crm-field-lengths", 10 * 60_000);

export const fieldLengths = (fields: CrmField[]) => new Map(fields.filter((field) => field.maxLength && field.maxLength > 0).map((field) => [field.key, field.maxLength!]));

/**
 * Cuts every string value longer than its field's length (counted in characters, never splitting a
 * surrogate pair) and names what it cut. Values of fields with no known length keep their length. Every
 * string value, known field or not, is neutralised first if it would start a formula.
 */
export function fitToLengths<T extends object>(body: T, lengths: Map<string, number>, fitted: string[] = [], prefix = ""): T {
  const out: Record<string, unknown> = { ...(body as Record<string, unknown>) };
  for (const [key, value] of Object.entries(body)) {
    if (typeof value !== "string") continue;
    const safe = neutraliseFormula(value);
    out[key] = safe;
    const max = lengths.get(key);
    if (!max) continue;
    const characters = Array.from(safe);
    if (characters.length <= max) continue;
    out[key] = characters.slice(0, max).join("");
    fitted.push(`${prefix}${key}: ${characters.length} → ${max} characters`);
  }
  return out as T;
}
