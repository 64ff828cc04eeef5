import { sectionMetadata } from "@/lib/pages/section-metadata";
import { DefaultFieldsEditor } from "@/components/config/default-fields-editor";
import { PageHeader } from "@/components/ui/page-header";
import { loadSectionPage } from "@/lib/pages/section-page";

export const generateMetadata = sectionMetadata("nav.defaultFields");

export default async function DefaultFieldsPage({ params }: { params: Promise<{ projectKey: string }> }) {
  const { project, t, config, readOnly } = await loadSectionPage(params);
  return (
    <div className="space-y-6">
      <PageHeader title={t("nav.defaultFields")} about={t("section.defaultFields.about")} />
      <DefaultFieldsEditor projectKey={project.key} initial={config.defaultFields} readOnly={readOnly} />
    </div>
  );
}
