import { sectionMetadata } from "@/lib/pages/section-metadata";
import { MatchingEditor } from "@/components/config/matching-editor";
import { StageRulesEditor } from "@/components/config/stage-rules-editor";
import { PageHeader } from "@/components/ui/page-header";
import { loadSectionPage } from "@/lib/pages/section-page";

export const generateMetadata = sectionMetadata("nav.stageRules");

export default async function StageRulesPage({ params }: { params: Promise<{ projectKey: string }> }) {
  const { project, t, config, readOnly } = await loadSectionPage(params);
  return (
    <div className="space-y-6">
      <PageHeader title={t("nav.stageRules")} about={t("section.stageRules.about")} />
      <StageRulesEditor projectKey={project.key} initial={config.stageRules} readOnly={readOnly} />
      {/* Which existing deal a caller's events go to sits beside where new deals go. */}
      <section className="border-t border-slate-200 pt-6">
        <MatchingEditor projectKey={project.key} initial={config.matching} readOnly={readOnly} />
      </section>
    </div>
  );
}
