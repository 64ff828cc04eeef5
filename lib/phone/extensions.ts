// Extensions typed after a stored number (issue 21, item 3): "+380 44 123 45 67 ext. 123",
// "044 123-45-67 доб. 12", "044 123 45 67 wew. 12". The CRMs keep what the user typed, so the extension's
// digits follow the main number's; read as one run of digits they make a number that is nobody's, and the
// caller's contact was rejected and duplicated.
//
// libphonenumber-js already knows the common markers (ext, extension, x, #, ";ext=", "доб", "anexo", "int",
// a trailing comma) and gives the digits it read as `.ext`: it is used for them, rather than a home-grown
// list, so its rules (how many digits an extension may have, what counts as a marker) apply. It does not
// know the Ukrainian, Polish and German words our projects' CRMs are full of; those alone are rewritten to
// "ext." before it parses.
import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js";

// The words libphonenumber-js does not read as an extension marker, each with its optional full stop:
// Ukrainian вн. / внутр. (внутрішній) and дод. (додатковий); Polish wew. / wewn. (wewnętrzny); German
// Durchwahl / Durchw. / DW. A marker counts only shortly after a number and right before the extension's
// digits, so a label in front of a number ("DW: 044 …", "вн. лінія …") is left alone, and only as a word of
// its own ("dw" inside a word is no marker). What stands between the number and the marker (", ", " tel. ")
// is replaced with it: libphonenumber-js wants the marker right after the number.
const LOCAL_MARKER = /(?<=\d)[^\d]{0,10}?(?<!\p{L})(?:внутр|вн|дод|wewn|wew|durchwahl|durchw|dw)(?!\p{L})\.?:?\s*(?=\d)/giu;

/** The text with the local-language extension markers written as "ext. ", which libphonenumber-js reads. */
export function withKnownExtensionMarkers(raw: string): string {
  return raw.replace(LOCAL_MARKER, " ext. ");
}

/**
 * The stored text without its extension, when it has one: the main number as typed (separators kept), or
 * null when libphonenumber-js finds no extension. The extension comes after the main number, so the main
 * number is everything before the digits it read as the extension.
 */
export function withoutExtension(raw: string, defaultCountry: string): string | null {
  // Digits and separators alone carry no extension marker: most numbers need no second parse.
  if (!/[^\d\s+().\-/]/.test(raw)) return null;
  const text = withKnownExtensionMarkers(raw.trim());
  // libphonenumber-js reads a leading "00" only for countries that dial it abroad; the extension's digits
  // do not depend on that, so the international form is what it is given.
  const international = text.replace(/^00(?=\d)/, "+");
  const ext = parsePhoneNumberFromString(international, defaultCountry as CountryCode)?.ext;
  if (!ext) return null;
  // The extension is the last run of those digits ("… ext. 12 (office)"); everything before it is the main number.
  const at = text.lastIndexOf(ext);
  return at > 0 ? text.slice(0, at) : null;
}
