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
