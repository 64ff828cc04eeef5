import { StopListEditor } from "@/components/config/stop-list-editor";
import { PageHeader } from "@/components/ui/page-header";
import { canEdit } from "@/lib/auth/roles";
import { requireProjectPage } from "@/lib/auth/session";
import { loadConfig } from "@/lib/config/service";
import { getTranslator } from "@/lib/i18n/server";

export default async function StopListPage({ params }: { params: Promise<{ projectKey: string }> }) {
  const { projectKey } = await params;
  const { project, role } = await requireProjectPage(projectKey);
  const [t, config] = await Promise.all([getTranslator(), loadConfig(project.id)]);
  return (
    <div className="space-y-6">
      <PageHeader title={t("nav.stopList")} about={t("section.stopList.about")} />
      <StopListEditor projectKey={project.key} initial={config.stopList} readOnly={!canEdit(role)} />
    </div>
  );
}
