// Phone numbers (F6): normalised to E.164 with the project's default country, and the formats a CRM may
// hold them in, for searching. The CRMs compare digits as typed (crm-apis.md), so one number can be
// stored as +380671234567, 380671234567, 00380671234567, 0671234567 or 671234567 — with any separators.
import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js";
import { LRUCache } from "lru-cache";
import { withoutExtension } from "./extensions";

export interface NormalisedPhone {
  e164: string;
  /** Digits of the national significant number (no trunk prefix): what every stored form contains. */
  nationalSignificant: string;
}

// Parsing is the costliest step of webhook ingest (tens of µs a number) and callers repeat, so results
// are kept per (country, raw text). Results are frozen: callers share them.
const NOT_A_PHONE = Object.freeze({ e164: "", nationalSignificant: "" });
const parsedPhones = new LRUCache<string, NormalisedPhone>({ max: 20_000 });

/**
 * Strips what is not part of a number (spaces, dashes, brackets, dots, letters) before parsing, as the seed
 * asks, after cutting off an extension ("ext. 12", "доб. 12", "wew. 12"): the number is its main number.
 */
export function normalisePhone(raw: string, defaultCountry: string): NormalisedPhone | null {
  const key = `${defaultCountry}|${raw}`;
  let phone = parsedPhones.get(key);
  if (!phone) {
    phone = parsePhone(raw, defaultCountry) ?? NOT_A_PHONE;
    parsedPhones.set(key, phone);
  }
  return phone === NOT_A_PHONE ? null : phone;
}

function parsePhone(raw: string, defaultCountry: string): NormalisedPhone | null {
  // The main number is parsed by the same rules as any number; only the extension's digits are dropped.
  const main = withoutExtension(raw, defaultCountry) ?? raw;
  const cleaned = main.trim().replace(/[^\d+]/g, "").replace(/(?!^)\+/g, "");
  if (cleaned.replace(/\D/g, "").length < 5) return null;
  const withPlus = cleaned.startsWith("00") ? `+${cleaned.slice(2)}` : cleaned;
  const parsed = parsePhoneNumberFromString(withPlus, defaultCountry as CountryCode);
  if (!parsed || !parsed.isPossible()) return null;
  return Object.freeze({ e164: parsed.number, nationalSignificant: parsed.nationalNumber });
}

/**
 * Search terms in the order most likely to hit, without duplicates: E.164, its digits, national with
 * trunk prefix (e.g. 0671234567), the national significant number, and 00 + E.164 digits.
 */
export function phoneSearchVariants(raw: string, defaultCountry: string): string[] {
  const phone = normalisePhone(raw, defaultCountry);
  if (!phone) return [];
  const parsed = parsePhoneNumberFromString(phone.e164)!;
  const digits = phone.e164.slice(1);
  const national = parsed.formatNational().replace(/\D/g, "");
  return [...new Set([phone.e164, digits, national, phone.nationalSignificant, `00${digits}`])];
}

/** Whether a number a CRM holds (in any format) is the same number, by E.164. */
export function samePhone(stored: string, e164: string, defaultCountry: string): boolean {
  return normalisePhone(stored, defaultCountry)?.e164 === e164;
}
