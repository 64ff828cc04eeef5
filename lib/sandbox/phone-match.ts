// How the vendors' phone search compares numbers (crm-apis.md, "How phone search matches"): formatting
// characters are ignored, the remaining digits are compared as they are. No country-aware normalisation:
// `067 123 45 67` is found by `0671234567`, not by `+380671234567`.
//
// Extensions: neither vendor documents any extension handling in phone search. Zoho's phone fields and
// Pipedrive's phone values are free text kept as typed, and the search compares the digits of what is kept,
// so an extension's digits are part of the stored digits: `+380 44 123 45 67 ext. 123` is found by the
// "contains" searches on `441234567` (Zoho criteria, Pipedrive without exact_match), but not by Zoho's
// `phone=` or Pipedrive's exact match on `+380441234567`, whose digits are not all the stored ones. The
// words of the marker (ext., доб., wew.) are not digits and are ignored like any formatting.

export const phoneDigits = (value: string) => value.replace(/\D/g, "");

export function phoneEquals(stored: string, term: string): boolean {
  const digits = phoneDigits(term);
  return digits.length > 0 && phoneDigits(stored) === digits;
}

export function phoneContains(stored: string, term: string): boolean {
  const digits = phoneDigits(term);
  return digits.length > 0 && phoneDigits(stored).includes(digits);
}
