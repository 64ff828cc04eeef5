// How the vendors' phone search compares numbers (crm-apis.md, "How phone search matches"): formatting
// characters are ignored, the remaining digits are compared as they are. No country-aware normalisation:
// `067 123 45 67` is found by `0671234567`, not by `+380671234567`.

export const phoneDigits = (value: string) => value.replace(/\D/g, "");

export function phoneEquals(stored: string, term: string): boolean {
  const digits = phoneDigits(term);
  return digits.length > 0 && phoneDigits(stored) === digits;
}

export function phoneContains(stored: string, term: string): boolean {
  const digits = phoneDigits(term);
  return digits.length > 0 && phoneDigits(stored).includes(digits);
}
