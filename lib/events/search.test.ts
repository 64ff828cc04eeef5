import { describe, expect, it } from "vitest";
import { parseEventSearch } from "./search";

describe("Events page search", () => {
  it("reads any format of a phone number as the E.164 events store", () => {
    for (const text of ["0675551234", "067 555 12 34", "(067) 555-12-34", "+380675551234", "380675551234"]) expect(parseEventSearch(text, "UA")).toEqual({ phone: "+380675551234" });
    expect(parseEventSearch("601 234 567", "PL")).toEqual({ phone: "+48601234567" });
  });

  it("reads e-mails in lower case, and anything else as an event id", () => {
    expect(parseEventSearch(" Iryna@Example.com ", "UA")).toEqual({ email: "iryna@example.com" });
    expect(parseEventSearch("call-8842", "UA")).toEqual({ id: "call-8842" });
    expect(parseEventSearch("12", "UA")).toEqual({ id: "12" });
    expect(parseEventSearch("  ", "UA")).toBeNull();
  });
});
