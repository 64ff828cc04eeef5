// An incident's stored detail shown in the admin's language, with the pause time in their format.
import { describe, expect, it } from "vitest";
import { translator } from "@/lib/i18n/config";
import { wantedAlerts } from "./conditions";
import { alertDetailText } from "./detail-text";

describe("an incident's detail in the admin's words", () => {
  const format = new Intl.DateTimeFormat("uk", { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/Kyiv" });
  it("translates what conditions.ts stores, and keeps the CRM's own refusal as it said it", () => {
    const wanted = wantedAlerts({ status: "active", lastError: null, lastHour: { failed: 7, settled: 11 }, pause: { until: new Date("2026-12-03T00:00:00Z"), reason: "daily_budget: x-daily-ratelimit-token-remaining: 0" } });
    expect(alertDetailText(translator("uk"), "failures", wanted.failures!, format)).toBe("7 з 11 подій не вдалося надіслати за годину до відкриття.");
    const quota = alertDetailText(translator("pl"), "quota", wanted.quota!, format)!;
    expect(quota).toContain("Wstrzymane");
    expect(quota).toContain(format.format(new Date("2026-12-03T00:00:00Z")));
    expect(quota).not.toContain("2026-12-03T00");
    expect(alertDetailText(translator("uk"), "broken", "Pipedrive refused the API token (401)", format)).toBe("Pipedrive refused the API token (401)");
  });
});
