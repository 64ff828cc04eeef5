import { StageRulesEditor } from "@/components/config/stage-rules-editor";
import { PageHeader } from "@/components/ui/page-header";
import { canEdit } from "@/lib/auth/roles";
import { requireProjectPage } from "@/lib/auth/session";
import { loadConfig } from "@/lib/config/service";
import { getTranslator } from "@/lib/i18n/server";

export default async function StageRulesPage({ params }: { params: Promise<{ projectKey: string }> }) {
  const { projectKey } = await params;
  const { project, role } = await requireProjectPage(projectKey);
  const [t, config] = await Promise.all([getTranslator(), loadConfig(project.id)]);
  return (
    <div className="space-y-6">
      <PageHeader title={t("nav.stageRules")} about={t("section.stageRules.about")} />
      <StageRulesEditor projectKey={project.key} initial={config.stageRules} readOnly={!canEdit(role)} />
    </div>
  );
}
