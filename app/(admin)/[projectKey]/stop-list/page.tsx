import { sectionMetadata } from "@/lib/pages/section-metadata";
import { StopListEditor } from "@/components/config/stop-list-editor";
import { PageHeader } from "@/components/ui/page-header";
import { loadSectionPage } from "@/lib/pages/section-page";
import { employeesPerLine } from "@/lib/db/queries/lines";

export const generateMetadata = sectionMetadata("nav.stopList");

export default async function StopListPage({ params }: { params: Promise<{ projectKey: string }> }) {
  const { project, t, config, readOnly } = await loadSectionPage(params);
  const lineEmployees = await employeesPerLine(project.id);
  return (
    <div className="space-y-6">
      <PageHeader title={t("nav.stopList")} about={t("section.stopList.about")} />
      <StopListEditor projectKey={project.key} initial={config.stopList} readOnly={readOnly} country={project.defaultCountry} lineEmployees={lineEmployees} />
    </div>
  );
}
