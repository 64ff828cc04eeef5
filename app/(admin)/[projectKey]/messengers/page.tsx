import { sectionMetadata } from "@/lib/pages/section-metadata";
import { MessengersEditor } from "@/components/config/messengers-editor";
import { PageHeader } from "@/components/ui/page-header";
import { loadSectionPage } from "@/lib/pages/section-page";
import { findIntegrationSummary } from "@/lib/db/queries/integrations";

export const generateMetadata = sectionMetadata("nav.messengers");

export default async function MessengersPage({ params }: { params: Promise<{ projectKey: string }> }) {
  const { project, t, config, readOnly } = await loadSectionPage(params);
  const integration = await findIntegrationSummary(project.id);
  return (
    <div className="space-y-6">
      <PageHeader title={t("nav.messengers")} about={t("section.messengers.about")} />
      <MessengersEditor
        projectKey={project.key}
        initial={config.messengers}
        integrationActive={integration?.status === "active"}
        employeesWithSip={config.employees.filter((employee) => employee.sip).length}
        readOnly={readOnly}
      />
    </div>
  );
}
