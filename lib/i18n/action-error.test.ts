import { describe, expect, it } from "vitest";
import { actionErrorText } from "./action-error";
import { translator } from "./config";
import { AppError, errorBody } from "@/lib/errors";

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

  it("says a refusal the server words as a key in the person's language; the API answers its English", () => {
    const refusal = new AppError("CONFLICT", "error.simulate.noCrm");
    expect(actionErrorText(uk, "uk", refusal)).toBe("Спершу підключіть CRM: симуляція читає те, що є в CRM.");
    expect(errorBody(refusal).error.message).toBe("Connect a CRM first: the dry run reads what the CRM holds.");
    // A plain sentence (a CRM's, or one with values in it) is answered as it is.
    expect(errorBody(new AppError("NOT_FOUND", 'No project with key "x".')).error.message).toBe('No project with key "x".');
  });
});
