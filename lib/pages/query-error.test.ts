import { describe, expect, it } from "vitest";
import { en } from "@/lib/i18n/messages/en";
import { integrationErrorKey, loginErrorCode } from "./query-error";

describe("?error= notices", () => {
  it("turn the callback's codes into the page's own messages", () => {
    for (const code of ["oauth-state", "oauth-refused", "crm-unavailable", "oauth-failed"]) {
      const key = integrationErrorKey(code);
      expect(key, code).not.toBeNull();
      expect(en[key!]).toEqual(expect.any(String));
    }
  });

  it("ignore anything else, so a crafted link cannot put its own words in an error notice", () => {
    for (const raw of ["Your account is suspended: call +1 555 0100", "", undefined, ["oauth-state", "x"], "constructor", "__proto__", "toString"]) {
      expect(integrationErrorKey(raw as string | string[] | undefined)).toBeNull();
      expect(loginErrorCode(raw as string | string[] | undefined)).toBeUndefined();
    }
  });

  it("keep sign-in's and next-auth's own codes", () => {
    expect(loginErrorCode("CredentialsSignin")).toBe("CredentialsSignin");
    expect(loginErrorCode("TooManyAttempts")).toBe("TooManyAttempts");
    expect(loginErrorCode("SessionRequired")).toBe("SessionRequired");
    expect(loginErrorCode("Configuration")).toBe("generic");
  });
});
