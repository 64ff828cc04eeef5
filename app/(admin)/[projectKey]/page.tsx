import { sectionMetadata } from "@/lib/pages/section-metadata";
import Link from "next/link";
import { brokenCause } from "@/lib/alerts/broken-cause";
import { crmName } from "@/lib/connectors/registry";
import { OnboardingChecklist } from "@/components/overview/onboarding-checklist";
import { OutcomeChart } from "@/components/overview/outcome-chart";
import { PageHeader } from "@/components/ui/page-header";
import { TableShell } from "@/components/ui/table-shell";
import { requireProjectPage } from "@/lib/auth/session";
import { reasonText } from "@/lib/events/reason-text";
import { getLocale, getTranslator } from "@/lib/i18n/server";
import { appUrl } from "@/lib/env";
import { projectOverview } from "@/lib/overview/overview";

export const generateMetadata = sectionMetadata("nav.overview");

const STATUS_TONES: Record<string, string> = {
  active: "bg-green-100 text-green-800",
  inactive: "bg-slate-100 text-slate-700",
  broken: "bg-red-100 text-red-800",
  not_connected: "bg-amber-100 text-amber-800",
};

function Card({ title, children, testId }: { title: string; children: React.ReactNode; testId: string }) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4" data-testid={testId}>
      <h2 className="text-xs font-semibold uppercase tracking-wide text-slate-500">{title}</h2>
      <div className="mt-2 space-y-1 text-sm">{children}</div>
    </section>
  );
}

/** The project's landing page: health at a glance, and the way to a working integration. */
export default async function OverviewPage({ params }: { params: Promise<{ projectKey: string }> }) {
  const { projectKey } = await params;
  const { project } = await requireProjectPage(projectKey);
  const [t, locale, overview] = await Promise.all([getTranslator(), getLocale(), projectOverview(project)]);
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: project.timezone });
  const number = new Intl.NumberFormat(locale);
  const seconds = (value: number | null) => (value === null ? "—" : t("overview.seconds", { value: new Intl.NumberFormat(locale, { maximumFractionDigits: value < 10 ? 1 : 0 }).format(value) }));
  const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 });
  const shortDay = (slot: string) => new Intl.DateTimeFormat(locale, { day: "numeric", month: "short", timeZone: "UTC" }).format(new Date(`${slot}T00:00:00Z`));

  return (
    <div className="space-y-6">
      <PageHeader title={t("nav.overview")} about={t("section.overview.about")} />
      <OnboardingChecklist projectKey={project.key} facts={overview.checklist} webhookUrl={`${appUrl()}/api/webhooks/${project.key}/events`} />
      <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
        <Card title={t("overview.status")} testId="overview-status">
          <p>
            <span className={`rounded-full px-2 py-0.5 text-xs font-semibold ${STATUS_TONES[overview.status]}`}>
              {overview.status === "not_connected" ? t("overview.notConnected") : t(`integration.status.${overview.status}`)}
            </span>
            {overview.crm ? <span className="ml-2 text-slate-600">{crmName(overview.crm)}</span> : null}
          </p>
          {overview.status === "broken" && overview.crm ? (
            <p className="text-red-700" title={overview.lastError ?? undefined}>
              {t(`integration.broken.${brokenCause(overview.lastError)}`, { crm: crmName(overview.crm) })}
            </p>
          ) : null}
          {overview.configuration ? (
            <p className="text-amber-800" data-testid="overview-config-error">
              {t("integration.configError", { at: dateTime.format(overview.configuration.at), host: overview.configuration.host, problem: overview.configuration.problem })}
            </p>
          ) : null}
          {overview.pause ? (
            <p className="text-amber-800" data-testid="overview-paused">
              {t("overview.paused", { until: dateTime.format(overview.pause.until), quota: t(`events.quota.${overview.pause.quota as "daily_budget"}`) })}
            </p>
          ) : null}
          <p className="text-slate-600" data-testid="overview-last-delivery">
            {overview.lastDelivery ? t("overview.lastDelivery", { at: dateTime.format(overview.lastDelivery) }) : t("overview.noDelivery")}
          </p>
          <Link href={`/${project.key}/integration`} className="text-brand-700 underline">
            {t("overview.toIntegration")}
          </Link>
        </Card>
        <Card title={t("overview.timeToCrm")} testId="overview-speed">
          <p>{t("overview.speed24", { p50: seconds(overview.timeToCrm.day.p50), p95: seconds(overview.timeToCrm.day.p95), count: number.format(overview.timeToCrm.day.delivered) })}</p>
          <p className="text-slate-600">{t("overview.speed7", { p50: seconds(overview.timeToCrm.week.p50), p95: seconds(overview.timeToCrm.week.p95) })}</p>
        </Card>
        <Card title={t("overview.crmCalls")} testId="overview-budget">
          <p>{t("overview.calls", { calls: number.format(overview.crmCalls.calls), searches: number.format(overview.crmCalls.searches) })}</p>
          {overview.budget ? (
            <>
              <div className="h-2 overflow-hidden rounded bg-slate-100" role="meter" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(overview.budget.share * 100)} aria-label={t("overview.crmCalls")}>
                <div className={`h-full ${overview.budget.share > 0.8 ? "bg-red-500" : "bg-brand-600"}`} style={{ width: `${Math.min(100, overview.budget.share * 100)}%` }} />
              </div>
              <p className="text-slate-600">
                {t(`overview.budget.${overview.budget.unit}`, { used: number.format(overview.budget.used), allowance: number.format(overview.budget.allowance), share: percent.format(overview.budget.share) })}
              </p>
            </>
          ) : null}
        </Card>
        <Card title={t("overview.routing")} testId="overview-routing">
          {overview.routing.enabled || overview.routing.answered + overview.routing.next + overview.routing.overBudget > 0 ? (
            <dl className="space-y-1">
              {/* One row each: long words (Polish, Ukrainian) never share a narrow column. */}
              {(["answered", "next", "overBudget"] as const).map((kind) => (
                <div key={kind} className="flex items-baseline justify-between gap-3">
                  <dt className="text-sm text-slate-600">{t(`overview.routing.${kind}`)}</dt>
                  <dd className="text-lg font-semibold tabular-nums">{number.format(overview.routing[kind])}</dd>
                </div>
              ))}
            </dl>
          ) : (
            <p className="text-slate-600">{t("overview.routing.off")}</p>
          )}
        </Card>
      </div>
      <div className="grid gap-4 xl:grid-cols-2">
        <OutcomeChart testId="chart-hourly" title={t("overview.perHour")} buckets={overview.perHour.buckets} slots={overview.perHour.slots.map((key) => ({ key, label: key.slice(11, 16) }))} />
        <OutcomeChart testId="chart-daily" title={t("overview.perDay")} buckets={overview.perDay.buckets} slots={overview.perDay.slots.map((key) => ({ key, label: shortDay(key) }))} />
      </div>
      <section aria-labelledby="failing-title" className="space-y-2">
        <h2 id="failing-title" className="text-base font-semibold">
          {t("overview.failing")}
        </h2>
        {overview.failingClients.length === 0 ? (
          <p className="text-sm text-slate-600" data-testid="failing-empty">
            {t("overview.failing.none")}
          </p>
        ) : (
          <TableShell testId="failing-clients" headers={[t("overview.failing.client"), t("overview.failing.count"), t("overview.failing.last"), t("events.reason")]}>
            {overview.failingClients.map((client) => (
              <tr key={client.clientKey}>
                <td className="px-3 py-1.5 font-mono text-xs">{client.clientKey.replace(/^[a-z]+:/, "")}</td>
                <td className="px-3 py-1.5">{number.format(client.failures)}</td>
                <td className="whitespace-nowrap px-3 py-1.5 text-slate-600">{dateTime.format(client.lastAt)}</td>
                <td className="px-3 py-1.5 text-slate-600" title={client.reason ?? undefined}>
                  {reasonText(t, client.reason, dateTime)}
                </td>
              </tr>
            ))}
          </TableShell>
        )}
      </section>
    </div>
  );
}
