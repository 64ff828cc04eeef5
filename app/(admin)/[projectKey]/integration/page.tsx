import { ConnectionCard, type ConnectionView } from "@/components/integration/connection-card";
import { PipedriveConnectForm } from "@/components/integration/pipedrive-connect-form";
import { ZohoConnectForm } from "@/components/integration/zoho-connect-form";
import { EmptyState } from "@/components/ui/empty-state";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { ZOHO_DATA_CENTERS } from "@/lib/connectors/zoho/data-centers";
import { canEdit } from "@/lib/auth/roles";
import { requireProjectPage } from "@/lib/auth/session";
import { findIntegrationSummary } from "@/lib/db/queries/integrations";
import { sandboxEnabled } from "@/lib/env";
import { getTranslator } from "@/lib/i18n/server";
import { appUrl } from "@/lib/integrations/app-url";
import { ZOHO_CALLBACK_PATH } from "@/lib/integrations/connect";
import { replayableCount } from "@/lib/integrations/status";

export default async function IntegrationPage({ params, searchParams }: { params: Promise<{ projectKey: string }>; searchParams: Promise<{ connected?: string; error?: string }> }) {
  const { projectKey } = await params;
  const { project, role } = await requireProjectPage(projectKey);
  const { connected, error } = await searchParams;
  const [t, integration, replayable] = await Promise.all([getTranslator(), findIntegrationSummary(project.id), replayableCount(project)]);
  const editable = canEdit(role);
  const sandbox = sandboxEnabled();

  return (
    <div className="space-y-6">
      <PageHeader title={t("nav.integration")} about={t("section.integration.about")} />
      {connected === "zoho" && integration ? <Notice tone="success">{t("integration.connected.zoho")}</Notice> : null}
      {error ? (
        <Notice tone="error" testId="integration-error">
          {error}
        </Notice>
      ) : null}
      {integration ? (
        <ConnectionCard
          projectKey={project.key}
          canEdit={editable}
          timeZone={project.timezone}
          replayable={replayable}
          connection={{ crm: integration.crm, status: integration.status, lastError: integration.lastError, account: integration.account as ConnectionView["account"] }}
        />
      ) : editable ? (
        <>
          <EmptyState title={t("integration.notConnected.title")} body={t("integration.notConnected.body")} />
          <div className="grid gap-6 lg:grid-cols-2">
            <PipedriveConnectForm projectKey={project.key} sandbox={sandbox} />
            <ZohoConnectForm
              projectKey={project.key}
              sandbox={sandbox}
              redirectUri={`${appUrl()}${ZOHO_CALLBACK_PATH}`}
              dataCenters={Object.entries(ZOHO_DATA_CENTERS).map(([value, dc]) => ({ value, label: dc.label }))}
            />
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
