import { MessengersEditor } from "@/components/config/messengers-editor";
import { PageHeader } from "@/components/ui/page-header";
import { canEdit } from "@/lib/auth/roles";
import { requireProjectPage } from "@/lib/auth/session";
import { loadConfig } from "@/lib/config/service";
import { findIntegrationSummary } from "@/lib/db/queries/integrations";
import { getTranslator } from "@/lib/i18n/server";

export default async function MessengersPage({ params }: { params: Promise<{ projectKey: string }> }) {
  const { projectKey } = await params;
  const { project, role } = await requireProjectPage(projectKey);
  const [t, config, integration] = await Promise.all([getTranslator(), loadConfig(project.id), findIntegrationSummary(project.id)]);
  return (
    <div className="space-y-6">
      <PageHeader title={t("nav.messengers")} about={t("section.messengers.about")} />
      <MessengersEditor
        projectKey={project.key}
        initial={config.messengers}
        integrationActive={integration?.status === "active"}
        employeesWithSip={config.employees.filter((employee) => employee.sip).length}
        readOnly={!canEdit(role)}
      />
    </div>
  );
}
