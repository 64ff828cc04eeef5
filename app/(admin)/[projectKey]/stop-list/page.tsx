import { sectionMetadata } from "@/lib/pages/section-metadata";
import { StopListEditor } from "@/components/config/stop-list-editor";
import { PageHeader } from "@/components/ui/page-header";
import { loadSectionPage } from "@/lib/config/section-page";

export const generateMetadata = sectionMetadata("nav.stopList");

export default async function StopListPage({ params }: { params: Promise<{ projectKey: string }> }) {
  const { project, t, config, readOnly } = await loadSectionPage(params);
  return (
    <div className="space-y-6">
      <PageHeader title={t("nav.stopList")} about={t("section.stopList.about")} />
      <StopListEditor projectKey={project.key} initial={config.stopList} readOnly={readOnly} />
    </div>
  );
}
