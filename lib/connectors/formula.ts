// Text written into a CRM can end up in a spreadsheet: every CRM exports records to CSV/Excel, where a
// cell starting with =, +, -, @, a tab or a carriage return runs as a formula (links that leak data,
// DDE commands). OWASP's CSV-injection guidance: prefix such a value with a single quote, which
// spreadsheets show as text. Values come from callers, web forms and chats, so anyone can write one.
//
// A plain number is left alone — above all a phone number: E.164 "+380671234567" (what Callbridge writes
// into phone fields) or "+38 (067) 123-45-67". Digits, spaces, dots, dashes and brackets cannot call a
// function or a command; at worst a spreadsheet shows the number as a number. Quoting them would corrupt
// every phone field and break the CRM's own phone search. Deciding by content rather than by field type
// also spares a number a mapping writes into a text field, and needs no field metadata at write time.
const STARTS_A_FORMULA = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?[\d\s().-]*\d[\d\s().-]*$/;

export function neutraliseFormula(value: string): string {
  return STARTS_A_FORMULA.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}
