// An open incident's detail (stored in English by conditions.ts when it opened) in the admin's language.
// A broken integration's detail is the CRM's own refusal, shown as the CRM said it.
import type { Translate } from "@/lib/i18n/config";
import { QUOTA_REASONS, type QuotaReason } from "@/lib/errors";

export function alertDetailText(t: Translate, kind: string, detail: string | null, format: Intl.DateTimeFormat): string | null {
  if (!detail) return null;
  const failures = kind === "failures" ? /^(\d+) of (\d+) events failed/.exec(detail) : null;
  if (failures) return t("alerts.detail.failures", { failed: Number(failures[1]), settled: Number(failures[2]) });
  const quota = kind === "quota" ? /^Paused until (\S+) \((\w+)/.exec(detail) : null;
  if (quota && Number.isFinite(Date.parse(quota[1]!))) {
    const reason = (QUOTA_REASONS as readonly string[]).includes(quota[2]!) ? (quota[2] as QuotaReason) : "daily_budget";
    return t("overview.paused", { until: format.format(new Date(quota[1]!)), quota: t(`events.quota.${reason}`) });
  }
  return detail;
}
