// Free-text redaction: what a CRM answer or an error message may quote never survives, ids do.
import { describe, expect, it } from "vitest";
import { scrubText, scrubValue } from "./scrub";

describe("scrubText", () => {
  it.each([
    ["Search persons by phone +380671234567: 502", "+380671234567"],
    ["caller 067 123 45 67 not found", "067 123 45 67"],
    ["tel (067) 123-45-67", "(067) 123-45-67"],
    ["duplicate: Olena.Koval+crm@Example.com exists", "Olena.Koval+crm@Example.com"],
    ["Authorization: Bearer cbt_live_abcdef", "cbt_live_abcdef"],
    ["Zoho-oauthtoken 1000.abc.def rejected", "1000.abc.def"],
    ["GET /v1/users?api_token=0123abcd&limit=5", "0123abcd"],
    ["client_secret=s3cr3t-value failed", "s3cr3t-value"],
    [`secret ${"f".repeat(64)} leaked`, "f".repeat(64)],
  ])("%s", (text, secret) => {
    expect(scrubText(text)).not.toContain(secret);
  });

  it("keeps uuids, ISO dates, short numbers and URL paths readable", () => {
    const text = "event 4132d127-2cc0-48bc-95b7-b22fb8cf6ab1 at 2026-12-02 attempt 3 on /sandbox/pipedrive/api/v2/persons/search answered 502";
    expect(scrubText(text)).toBe(text);
  });

  it("redacts secret keys at any depth and scrubs every string", () => {
    const scrubbed = JSON.stringify(scrubValue({ credentials: { apiToken: "tok", nested: { refreshToken: "r" } }, reason: "call from +380671234567", phone: "+380671234567", list: ["a@b.test"] }));
    expect(scrubbed).not.toMatch(/tok"|"r"|380671234567|a@b\.test/);
    expect(scrubbed).toContain("[redacted]");
  });
});
