import { describe, expect, it } from "vitest";
import { phoneContains, phoneEquals } from "./phone-match";

describe("sandbox phone matching (as the vendors do it)", () => {
  it("ignores formatting but compares the digits as they are", () => {
    expect(phoneEquals("067 123 45 67", "0671234567")).toBe(true);
    expect(phoneEquals("067 123 45 67", "067-123-45-67")).toBe(true);
    expect(phoneEquals("(050) 555-12-34", "0505551234")).toBe(true);
    // No country-aware normalisation: the E.164 form of the same number is not found.
    expect(phoneEquals("067 123 45 67", "+380671234567")).toBe(false);
    expect(phoneEquals("067 123 45 67", "380671234567")).toBe(false);
  });

  it("contains-matching finds a national significant number inside any stored form", () => {
    for (const stored of ["067 123 45 67", "+380 67 123 45 67", "00380671234567"]) expect(phoneContains(stored, "671234567")).toBe(true);
    expect(phoneContains("067 123 45 68", "671234567")).toBe(false);
    expect(phoneContains("067", "")).toBe(false);
  });

  it("keeps an extension's digits, as the vendors do: found by contains on the national number, not by equality", () => {
    for (const stored of ["+380 44 123 45 67 ext. 123", "044 123-45-67 доб. 12", "044 123 45 67 wew. 12", "044 123 45 67 #12"]) {
      expect(phoneContains(stored, "441234567"), stored).toBe(true);
      expect(phoneEquals(stored, "+380441234567"), stored).toBe(false);
      expect(phoneEquals(stored, "0441234567"), stored).toBe(false);
    }
    expect(phoneEquals("044 123-45-67 доб. 12", "044123456712")).toBe(true);
  });
});
