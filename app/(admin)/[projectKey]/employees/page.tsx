import { sectionMetadata } from "@/lib/pages/section-metadata";
import { EmployeesEditor } from "@/components/config/employees-editor";
import { PageHeader } from "@/components/ui/page-header";
import { crmMetadata } from "@/lib/config/metadata";
import { loadSectionPage } from "@/lib/pages/section-page";

export const generateMetadata = sectionMetadata("nav.employees");

export default async function EmployeesPage({ params }: { params: Promise<{ projectKey: string }> }) {
  const { project, t, config, readOnly } = await loadSectionPage(params);
  // CRM users for matching by e-mail; an unreachable CRM leaves matching unavailable, not the page.
  const crm = await crmMetadata(project.id).then(
    (metadata) => (metadata ? { users: metadata.users } : ("not-connected" as const)),
    () => "unreachable" as const,
  );
  return (
    <div className="space-y-6">
      <PageHeader title={t("nav.employees")} about={t("section.employees.about")} />
      <EmployeesEditor projectKey={project.key} initial={config.employees} crmUsers={typeof crm === "string" ? null : crm.users} crmUnreachable={crm === "unreachable"} readOnly={readOnly} />
    </div>
  );
}
