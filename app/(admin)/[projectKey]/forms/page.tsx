import { sectionMetadata } from "@/lib/pages/section-metadata";
import { FormsEditor } from "@/components/config/forms-editor";
import { PageHeader } from "@/components/ui/page-header";
import { loadSectionPage } from "@/lib/pages/section-page";

export const generateMetadata = sectionMetadata("nav.forms");

export default async function FormsPage({ params }: { params: Promise<{ projectKey: string }> }) {
  const { project, t, config, readOnly } = await loadSectionPage(params);
  return (
    <div className="space-y-6">
      <PageHeader title={t("nav.forms")} about={t("section.forms.about")} />
      <FormsEditor projectKey={project.key} initial={config.forms} readOnly={readOnly} />
    </div>
  );
}
