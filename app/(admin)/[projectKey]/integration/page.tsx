import { sectionMetadata } from "@/lib/pages/section-metadata";
import { ConnectionCard, type ConnectionView } from "@/components/integration/connection-card";
import { CONNECTABLE_CRMS, ConnectForm } from "@/components/integration/connect-forms";
import { ReplayProgress } from "@/components/integration/replay-progress";
import { EmptyState } from "@/components/ui/empty-state";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { crmName, isCrmKind } from "@/lib/connectors/registry";
import { canEdit } from "@/lib/auth/roles";
import { requireProjectPage } from "@/lib/auth/session";
import { findIntegrationSummary } from "@/lib/db/queries/integrations";
import { sandboxEnabled } from "@/lib/env";
import { getLocale, getTranslator } from "@/lib/i18n/server";
import { configurationProblem } from "@/lib/integrations/config-error";
import { activePause } from "@/lib/integrations/pause";
import { replayableCount, replayToShow } from "@/lib/replay/activation";
import { integrationErrorKey } from "@/lib/pages/query-error";

export const generateMetadata = sectionMetadata("nav.integration");

export default async function IntegrationPage({ params, searchParams }: { params: Promise<{ projectKey: string }>; searchParams: Promise<{ connected?: string; error?: string }> }) {
  const { projectKey } = await params;
  const { project, role } = await requireProjectPage(projectKey);
  const { connected, error: errorCode } = await searchParams;
  // Our message for a code the OAuth callback sent; other text in the URL is never shown.
  const error = integrationErrorKey(errorCode);
  const [t, locale, integration, replayable, replay] = await Promise.all([getTranslator(), getLocale(), findIntegrationSummary(project.id), replayableCount(project), replayToShow(project.id)]);
  const editable = canEdit(role);
  const configuration = configurationProblem(integration);
  // A quota pause keeps the status "active": said here too, not only on the Overview and in the banner.
  const pause = activePause(integration);
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: project.timezone });
  const sandbox = sandboxEnabled();
  return (
    <div className="space-y-6">
      <PageHeader title={t("nav.integration")} about={t("section.integration.about")} />
      {connected && isCrmKind(connected) && integration ? <Notice tone="success">{t("integration.connected", { crm: crmName(connected) })}</Notice> : null}
      {error ? (
        <Notice tone="error" testId="integration-error">
          {t(error)}
        </Notice>
      ) : null}
      {integration ? (
        <>
          <ConnectionCard
            projectKey={project.key}
            canEdit={editable}
            timeZone={project.timezone}
            replayable={replayable}
            connection={{ crm: integration.crm, crmName: crmName(integration.crm), status: integration.status, lastError: integration.lastError, account: integration.account as ConnectionView["account"] }}
          />
          {configuration ? (
            <Notice tone="error" testId="integration-config-error">
              {t("integration.configError", { at: dateTime.format(configuration.at), host: configuration.host, problem: configuration.problem })}
            </Notice>
          ) : null}
          {pause ? (
            <Notice tone="info" testId="integration-paused">
              {t("overview.paused", { until: dateTime.format(pause.until), quota: t(`events.quota.${pause.quota}`) })}
            </Notice>
          ) : null}
          {editable && integration.status === "inactive" ? (
            <Notice tone="info" testId="inactive-hint">
              {t("integration.inactiveHint")}
            </Notice>
          ) : null}
          {replay ? <ReplayProgress projectKey={project.key} initial={replay} /> : null}
          {editable && integration.status === "broken" ? (
            <section className="max-w-2xl space-y-3" aria-labelledby="reconnect-title">
              <h2 id="reconnect-title" className="text-base font-semibold">
                {t("integration.reconnect.title")}
              </h2>
              <p className="text-sm text-slate-600">{t("integration.reconnect.body")}</p>
              <ConnectForm crm={integration.crm} projectKey={project.key} sandbox={sandbox} />
            </section>
          ) : null}
        </>
      ) : editable ? (
        <>
          <EmptyState title={t("integration.notConnected.title")} body={t("integration.notConnected.body")} />
          <div className="grid gap-6 lg:grid-cols-2">
            {CONNECTABLE_CRMS.map((crm) => (
              <ConnectForm key={crm} crm={crm} projectKey={project.key} sandbox={sandbox} />
            ))}
          </div>
        </>
      ) : (
        <>
          <EmptyState title={t("integration.notConnected.title")} body={t("integration.notConnected.body")} />
          <Notice tone="info">{t("integration.readOnly")}</Notice>
        </>
      )}
    </div>
  );
}
