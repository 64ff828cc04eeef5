import { sectionMetadata } from "@/lib/pages/section-metadata";
import { PageHeader } from "@/components/ui/page-header";
import { openApiDocument } from "@/lib/api/openapi";
import { requireProjectPage } from "@/lib/auth/session";
import { getTranslator } from "@/lib/i18n/server";
import { appUrl } from "@/lib/env";

export const generateMetadata = sectionMetadata("nav.api");

const METHOD_TONES: Record<string, string> = { get: "bg-sky-100 text-sky-800", put: "bg-amber-100 text-amber-800", post: "bg-green-100 text-green-800" };

// A readable view of GET /api/v1/openapi.json.
export default async function ApiReferencePage({ params }: { params: Promise<{ projectKey: string }> }) {
  const { projectKey } = await params;
  await requireProjectPage(projectKey);
  const t = await getTranslator();
  const document = openApiDocument(appUrl());
  return (
    <div className="space-y-6">
      <PageHeader title={t("nav.api")} about={t("api.about")} />
      <p className="text-sm">
        <a className="text-brand-600 underline" href="/api/v1/openapi.json">
          {t("api.download")}
        </a>
      </p>
      <section className="space-y-1 text-sm text-slate-700">
        <h2 className="text-base font-semibold text-slate-900">{t("api.auth")}</h2>
        {/* The description carries the signing recipe's shell lines: kept as written, wrapped on narrow screens. */}
        <pre className="whitespace-pre-wrap break-words font-sans">{document.info.description}</pre>
        <code className="block break-all rounded bg-slate-100 px-2 py-1">
          curl -H &quot;Authorization: Bearer $TOKEN&quot; {appUrl()}/api/v1/projects/{projectKey}/integration
        </code>
      </section>
      <section className="space-y-3">
        {Object.entries(document.paths).map(([path, item]) =>
          Object.entries(item)
            .filter(([method]) => method !== "parameters")
            .map(([method, operation]) => {
              const op = operation as { summary: string; responses: Record<string, { description: string }> };
              return (
                <article key={`${method} ${path}`} className="rounded-lg border border-slate-200 bg-white p-4" data-testid="api-operation">
                  <h3 className="flex flex-wrap items-center gap-2 break-all font-mono text-sm">
                    <span className={`rounded px-2 py-0.5 text-xs font-bold uppercase ${METHOD_TONES[method] ?? "bg-slate-100"}`}>{method}</span>
                    {path}
                  </h3>
                  <p className="mt-1 text-sm text-slate-700">{op.summary}</p>
                  <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600">
                    {Object.entries(op.responses).map(([status, response]) => (
                      <li key={status}>
                        <span className="font-semibold">{status}</span> {response.description}
                      </li>
                    ))}
                  </ul>
                </article>
              );
            }),
        )}
      </section>
      <section className="space-y-2">
        <h2 className="text-base font-semibold">{t("api.schemas")}</h2>
        {Object.entries(document.components.schemas).map(([name, schema]) => (
          <details key={name} className="rounded-lg border border-slate-200 bg-white p-3">
            <summary className="cursor-pointer font-mono text-sm">{name}</summary>
            <pre className="mt-2 max-h-96 overflow-auto rounded bg-slate-50 p-2 text-xs">{JSON.stringify(schema, null, 2)}</pre>
          </details>
        ))}
      </section>
    </div>
  );
}
