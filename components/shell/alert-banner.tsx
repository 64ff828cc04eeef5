import Link from "next/link";
import { brokenCause } from "@/lib/alerts/broken-cause";
import { alertDetailText } from "@/lib/alerts/detail-text";
import { getLocale, getTranslator } from "@/lib/i18n/server";
import type { MessageKey } from "@/lib/i18n/config";

/** Each incident's words and the page where it is dealt with. */
export const ALERT_SHOWN: Record<string, { title: MessageKey; link: MessageKey; path: string }> = {
  broken: { title: "alerts.banner.broken", link: "alerts.banner.reconnect", path: "integration" },
  quota: { title: "alerts.banner.quota", link: "alerts.banner.overview", path: "" },
  failures: { title: "alerts.banner.failures", link: "alerts.banner.events", path: "events?status=failed" },
};

/** On every admin page while an incident is open: what is wrong, and where to fix it. */
export async function AlertBanner({ projectKey, alerts }: { projectKey: string; alerts: Array<{ kind: string; detail: string | null }> }) {
  if (alerts.length === 0) return null;
  const [t, locale] = await Promise.all([getTranslator(), getLocale()]);
  const format = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });
  return (
    <div role="alert" className="border-b border-red-200 bg-red-50" data-testid="alert-banner">
      <ul className="mx-auto max-w-7xl space-y-1 px-4 py-2 text-sm text-red-900">
        {alerts.map((alert) => {
          const shown = ALERT_SHOWN[alert.kind] ?? ALERT_SHOWN.failures!;
          // A broken integration's detail is English for support (the Integration page shows it folded away).
          const title = alert.kind === "broken" && brokenCause(alert.detail) === "host" ? "alerts.banner.brokenHost" : shown.title;
          return (
            <li key={alert.kind} className="flex flex-wrap items-center gap-x-3 gap-y-1">
              <strong>{t(title)}</strong>
              {/* The quota's reset time is shown on the Overview, in the project's time zone and the admin's words. */}
              {alert.detail && alert.kind !== "quota" && alert.kind !== "broken" ? <span>{alertDetailText(t, alert.kind, alert.detail, format)}</span> : null}
              <Link className="underline" href={`/${projectKey}/${shown.path}`}>
                {t(shown.link)}
              </Link>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
