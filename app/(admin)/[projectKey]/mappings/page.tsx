import { sectionMetadata } from "@/lib/pages/section-metadata";
import { MappingsEditor } from "@/components/config/mappings-editor";
import { PageHeader } from "@/components/ui/page-header";
import { loadSectionPage } from "@/lib/pages/section-page";

export const generateMetadata = sectionMetadata("nav.mappings");

export default async function MappingsPage({ params }: { params: Promise<{ projectKey: string }> }) {
  const { project, t, config, readOnly } = await loadSectionPage(params);
  return (
    <div className="space-y-6">
      <PageHeader title={t("nav.mappings")} about={t("section.mappings.about")} />
      <MappingsEditor projectKey={project.key} initial={config.mappings} readOnly={readOnly} />
    </div>
  );
}
