import { sectionMetadata } from "@/lib/pages/section-metadata";
import { MatrixEditor } from "@/components/config/matrix-editor";
import { TaskRulesEditor } from "@/components/config/task-rules-editor";
import { PageHeader } from "@/components/ui/page-header";
import { loadSectionPage } from "@/lib/pages/section-page";
import { MATRIX_ENTITIES } from "@/lib/validation/vocabulary";
import { crmDescriptor } from "@/lib/connectors/registry";
import { findIntegrationSummary } from "@/lib/db/queries/integrations";
import type { MessageKey } from "@/lib/i18n/config";

export const generateMetadata = sectionMetadata("nav.matrix");

const DEFAULTS: Record<"call" | "form" | "messenger", MessageKey[]> = {
  call: ["defaults.phone", "defaults.name", "defaults.source", "defaults.callLog", "defaults.recording", "defaults.utm", "defaults.clientId"],
  form: ["defaults.phone", "defaults.email", "defaults.name", "defaults.source", "defaults.utm", "defaults.clientId"],
  messenger: ["defaults.phone", "defaults.name", "defaults.source", "defaults.utm", "defaults.clientId"],
};

export default async function MatrixPage({ params }: { params: Promise<{ projectKey: string }> }) {
  const { project, t, config, readOnly } = await loadSectionPage(params);
  const integration = await findIntegrationSummary(project.id);
  // A CRM without one of the five (e.g. no leads) hides its column.
  const entities = integration ? crmDescriptor(integration.crm).entities : MATRIX_ENTITIES;
  return (
    <div className="space-y-8">
      <PageHeader title={t("nav.matrix")} about={t("section.matrix.about")} />
      <MatrixEditor projectKey={project.key} initial={config.matrix} entities={entities} readOnly={readOnly} />
      <TaskRulesEditor projectKey={project.key} initial={config.taskRules} readOnly={readOnly} />
      <section aria-labelledby="defaults-title" className="space-y-3">
        <h2 id="defaults-title" className="text-base font-semibold">
          {t("defaults.title")}
        </h2>
        <p className="text-sm text-slate-600">{t("defaults.about")}</p>
        <div className="grid gap-4 md:grid-cols-3" data-testid="default-parameters">
          {(Object.keys(DEFAULTS) as Array<keyof typeof DEFAULTS>).map((channel) => (
            <div key={channel} className="rounded-lg border border-slate-200 bg-white p-4">
              <h3 className="mb-2 text-sm font-semibold">{t(`channel.${channel}`)}</h3>
              <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700">
                {DEFAULTS[channel].map((key) => (
                  <li key={key}>{t(key)}</li>
                ))}
              </ul>
            </div>
          ))}
        </div>
      </section>
    </div>
  );
}
