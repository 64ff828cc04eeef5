import { EmployeesEditor } from "@/components/config/employees-editor";
import { PageHeader } from "@/components/ui/page-header";
import { canEdit } from "@/lib/auth/roles";
import { requireProjectPage } from "@/lib/auth/session";
import { crmMetadata } from "@/lib/config/metadata";
import { loadConfig } from "@/lib/config/service";
import { getTranslator } from "@/lib/i18n/server";

export default async function EmployeesPage({ params }: { params: Promise<{ projectKey: string }> }) {
  const { projectKey } = await params;
  const { project, role } = await requireProjectPage(projectKey);
  const [t, config] = await Promise.all([getTranslator(), loadConfig(project.id)]);
  // CRM users for matching by e-mail; an unreachable CRM leaves matching unavailable, not the page.
  const users = await crmMetadata(project.id).then((metadata) => metadata?.users ?? null, () => null);
  return (
    <div className="space-y-6">
      <PageHeader title={t("nav.employees")} about={t("section.employees.about")} />
      <EmployeesEditor projectKey={project.key} initial={config.employees} crmUsers={users} readOnly={!canEdit(role)} />
    </div>
  );
}
