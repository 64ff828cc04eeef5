import { describe, expect, it } from "vitest";
import { normalisePhone, phoneSearchVariants, samePhone } from "./variants";

describe("phone normalisation", () => {
  it("reads every way a Ukrainian caller's number arrives as one E.164 number", () => {
    for (const raw of ["+380671234567", "380671234567", "0671234567", "067 123 45 67", "067-123-45-67", "(067) 123-45-67", "00380671234567", "+38 (067) 123 45 67"]) {
      expect(normalisePhone(raw, "UA"), raw).toEqual({ e164: "+380671234567", nationalSignificant: "671234567" });
    }
  });

  it("uses the project's default country for local numbers, and keeps foreign ones", () => {
    expect(normalisePhone("601 234 567", "PL")?.e164).toBe("+48601234567");
    expect(normalisePhone("+48 601 234 567", "UA")?.e164).toBe("+48601234567");
  });

  it("refuses what is not a phone number", () => {
    expect(normalisePhone("12", "UA")).toBeNull();
    expect(normalisePhone("anonymous", "UA")).toBeNull();
    expect(normalisePhone("", "UA")).toBeNull();
  });

  it("gives the search variants a CRM may hold, E.164 first, without duplicates", () => {
    expect(phoneSearchVariants("067 123 45 67", "UA")).toEqual(["+380671234567", "380671234567", "0671234567", "671234567", "00380671234567"]);
    expect(phoneSearchVariants("nonsense", "UA")).toEqual([]);
  });

  it("compares stored numbers by E.164, not by trailing digits", () => {
    expect(samePhone("067 123 45 67", "+380671234567", "UA")).toBe(true);
    expect(samePhone("+1 067 123 45 67", "+380671234567", "UA")).toBe(false);
    expect(samePhone("093 123 45 67", "+380671234567", "UA")).toBe(false);
  });
});

// Numbers stored with an extension (issue 21, item 3): the CRMs keep what the user typed, so a contact may
// hold "+380 44 123 45 67 ext. 123"; the main number is the caller's, the extension only reaches a desk.
describe("numbers stored with an extension", () => {
  const MAIN = "+380441234567";
  const STORED_WITH_EXTENSION: Array<[language: string, stored: string]> = [
    ["English", "+380 44 123 45 67 ext. 123"],
    ["English", "044-123-45-67 ext 12"],
    ["English", "044 123 45 67 extension 12"],
    ["English", "044 1234567 x12"],
    ["English", "+380441234567 x 12"],
    ["English", "044 123 45 67 #12"],
    ["RFC 3966", "+380441234567;ext=12"],
    ["Russian", "044 123-45-67 доб. 12"],
    ["Russian", "044 123 45 67 доб 12"],
    ["Ukrainian", "044 123 45 67 вн. 12"],
    ["Ukrainian", "044 123 45 67 внутр. 12"],
    ["Ukrainian", "044 123 45 67 дод. 12"],
    ["Ukrainian", "(044) 123-45-67, вн.12"],
    ["Polish", "044 123 45 67 wew. 12"],
    ["Polish", "+380 44 123 45 67 wewn. 12"],
    ["Polish", "Tel.: +380 44 123 45 67 tel. wewn. 12"],
    ["German", "044 123 45 67 Durchwahl 12"],
    ["German", "+380 44 1234567 Durchw. 12"],
    ["German", "+380 44 1234567 DW 12"],
    ["Spanish (libphonenumber)", "044 123 45 67 anexo 12"],
    ["trailing words", "+380 44 123 45 67 ext. 12 (office)"],
    ["00 prefix", "00380 44 123 45 67 ext. 12"],
  ];

  it.each(STORED_WITH_EXTENSION)("%s: %s is the caller's main number", (_language, stored) => {
    expect(normalisePhone(stored, "UA")).toEqual({ e164: MAIN, nationalSignificant: "441234567" });
    expect(samePhone(stored, MAIN, "UA")).toBe(true);
  });

  const NOT_THE_CALLER: Array<[why: string, stored: string]> = [
    ["another main number, same extension", "+380 44 123 45 68 ext. 7"],
    // The same digits 380441234567 in a row, split differently: the main number is a shorter one.
    ["the caller's last digit is the extension", "+380 44 123 45 6 ext. 7"],
    ["the caller's last two digits are the extension", "044 123 45 доб. 67"],
    ["another country, same digits", "+1 044 123 45 67 ext. 12"],
    ["extension digits glued on without a marker", "0441234567123"],
    ["a second number in brackets", "044 123 45 67 (12)"],
  ];

  it.each(NOT_THE_CALLER)("%s: %s never matches", (_why, stored) => {
    expect(samePhone(stored, MAIN, "UA")).toBe(false);
  });

  it("reads a marker only after a number, so a label in front of the number is not an extension", () => {
    expect(normalisePhone("DW: 044 123 45 67", "UA")?.e164).toBe(MAIN);
    expect(normalisePhone("вн. лінія 044 123 45 67", "UA")?.e164).toBe(MAIN);
  });

  it("a caller's own number with an extension is searched for by its main number", () => {
    expect(phoneSearchVariants("044 123 45 67 вн. 12", "UA")).toEqual(["+380441234567", "380441234567", "0441234567", "441234567", "00380441234567"]);
  });
});
