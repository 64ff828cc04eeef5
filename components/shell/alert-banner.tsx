import Link from "next/link";
import { getTranslator } from "@/lib/i18n/server";

/** On every admin page while an incident is open: what is wrong, and where to fix it. */
export async function AlertBanner({ projectKey, alerts }: { projectKey: string; alerts: Array<{ kind: string; detail: string | null }> }) {
  if (alerts.length === 0) return null;
  const t = await getTranslator();
  return (
    <div role="alert" className="border-b border-red-200 bg-red-50" data-testid="alert-banner">
      <ul className="mx-auto max-w-7xl space-y-1 px-4 py-2 text-sm text-red-900">
        {alerts.map((alert) => (
          <li key={alert.kind} className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <strong>{alert.kind === "broken" ? t("alerts.banner.broken") : t("alerts.banner.failures")}</strong>
            {alert.detail ? <span>{alert.detail}</span> : null}
            <Link className="underline" href={`/${projectKey}/${alert.kind === "broken" ? "integration" : "events?status=failed"}`}>
              {alert.kind === "broken" ? t("alerts.banner.reconnect") : t("alerts.banner.events")}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
