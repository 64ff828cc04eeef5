// A quota pause as the admin sees it (Overview, the config API): only while the CRM's reset is still ahead.
import { QUOTA_REASONS, type QuotaReason } from "@/lib/errors";

export interface QuotaPause {
  until: Date;
  quota: QuotaReason;
  /** The CRM's own words about it. */
  crmWords: string;
}

/** The pause in force, from the integration's stored `pausedUntil` and `pauseReason` ("<quota>: <words>"). */
export function activePause(integration: { status: string; pausedUntil: Date | null; pauseReason: string | null } | null, now = new Date()): QuotaPause | null {
  if (!integration || integration.status !== "active" || !integration.pausedUntil || integration.pausedUntil.getTime() <= now.getTime()) return null;
  const [quota = "", ...words] = (integration.pauseReason ?? "").split(": ");
  return { until: integration.pausedUntil, quota: (QUOTA_REASONS as string[]).includes(quota) ? (quota as QuotaReason) : "daily_budget", crmWords: words.join(": ") };
}
