import { describe, expect, it } from "vitest";
import { actionErrorText } from "./action-error";
import { translator } from "./config";

describe("an action's failure as text", () => {
  const uk = translator("uk");
  const en = translator("en");

  it("translates message keys, a role refusal and our own failures", () => {
    expect(actionErrorText(uk, "uk", { code: "VALIDATION", message: "validation.email" })).toBe(uk("validation.email"));
    expect(actionErrorText(uk, "uk", { code: "FORBIDDEN", message: "Only ADMIN may do this." })).toBe(uk("error.forbidden"));
    expect(actionErrorText(uk, "uk", { code: "INTERNAL", message: "Something went wrong on our side. Try again." })).toBe(uk("error.generic"));
  });

  it("puts the person's language before a server's English, and leaves English alone", () => {
    const crm = "Could not reach the CRM: connect ECONNREFUSED 127.0.0.1:9";
    expect(actionErrorText(uk, "uk", { code: "UNAVAILABLE", message: crm })).toBe(`${uk("error.code.UNAVAILABLE")} ${crm}`);
    expect(actionErrorText(uk, "uk", { code: "UNAVAILABLE", message: crm })).not.toMatch(/^Could not/);
    expect(actionErrorText(en, "en", { code: "UNAVAILABLE", message: crm })).toBe(crm);
  });
});
