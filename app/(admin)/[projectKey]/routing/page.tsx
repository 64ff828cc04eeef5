import { sectionMetadata } from "@/lib/pages/section-metadata";
import { RoutingEditor } from "@/components/config/routing-editor";
import { PageHeader } from "@/components/ui/page-header";
import { loadSectionPage } from "@/lib/pages/section-page";

export const generateMetadata = sectionMetadata("nav.routing");

export default async function RoutingPage({ params }: { params: Promise<{ projectKey: string }> }) {
  const { project, t, config, readOnly } = await loadSectionPage(params);
  return (
    <div className="space-y-6">
      <PageHeader title={t("nav.routing")} about={t("section.routing.about")} />
      <RoutingEditor projectKey={project.key} initial={config.routing} employees={config.employees} readOnly={readOnly} />
    </div>
  );
}
