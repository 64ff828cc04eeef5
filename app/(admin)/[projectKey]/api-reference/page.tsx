import Markdown from "react-markdown";
import { sectionMetadata } from "@/lib/pages/section-metadata";
import { PageHeader } from "@/components/ui/page-header";
import { answerText, apiIntro, openApiDocument } from "@/lib/api/openapi";
import { requireProjectPage } from "@/lib/auth/session";
import { translateKnown } from "@/lib/i18n/config";
import { getTranslator } from "@/lib/i18n/server";
import { appUrl } from "@/lib/env";
import { curlExample, operationsOf } from "@/lib/pages/api-operations";

export const generateMetadata = sectionMetadata("nav.api");

const METHOD_TONES: Record<string, string> = { get: "bg-sky-100 text-sky-800", put: "bg-amber-100 text-amber-800", post: "bg-green-100 text-green-800", delete: "bg-red-100 text-red-800" };

/** The document's prose is Markdown: rendered, never as raw HTML (react-markdown drops it). */
function Prose({ text, inline = false }: { text: string; inline?: boolean }) {
  return (
    <Markdown
      components={{
        p: ({ children }) => (inline ? <>{children}</> : <p className="my-2">{children}</p>),
        code: ({ children }) => <code className="rounded bg-slate-100 px-1 py-0.5 text-[0.85em]">{children}</code>,
        pre: ({ children }) => <pre className="my-2 overflow-x-auto whitespace-pre-wrap break-words rounded bg-slate-50 p-2 text-xs">{children}</pre>,
        a: ({ children, href }) => (
          <a className="text-brand-600 underline" href={href}>
            {children}
          </a>
        ),
        ul: ({ children }) => <ul className="my-2 list-disc space-y-1 pl-5">{children}</ul>,
      }}
    >
      {text}
    </Markdown>
  );
}

const Json = ({ value }: { value: unknown }) => <pre className="max-h-80 overflow-auto rounded bg-slate-50 p-2 text-xs">{JSON.stringify(value, null, 2)}</pre>;

// A readable view of GET /api/v1/openapi.json, with this project's key filled in and an example per operation.
export default async function ApiReferencePage({ params }: { params: Promise<{ projectKey: string }> }) {
  const { projectKey } = await params;
  const { project } = await requireProjectPage(projectKey);
  const t = await getTranslator();
  const base = appUrl();
  const document = openApiDocument(base);
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
        {/* The served document is English; the page says the same prose in the admin's language. */}
        <div data-testid="api-description">
          <Prose text={apiIntro(t)} />
        </div>
        <code className="block break-all rounded bg-slate-100 px-2 py-1">
          curl -H &quot;Authorization: Bearer $TOKEN&quot; {base}/api/v1/projects/{project.key}/integration
        </code>
      </section>
      <section className="space-y-3">
        {operationsOf(document, project.key).map((operation) => (
          <article key={operation.id} className="rounded-lg border border-slate-200 bg-white p-4" data-testid="api-operation">
            <h3 className="flex flex-wrap items-center gap-2 break-all font-mono text-sm">
              <span className={`rounded px-2 py-0.5 text-xs font-bold uppercase ${METHOD_TONES[operation.method] ?? "bg-slate-100"}`}>{operation.method}</span>
              {operation.path}
            </h3>
            <p className="mt-1 text-sm text-slate-700">
              <Prose inline text={translateKnown(t, operation.summaryKey, operation.summary)} />
            </p>
            <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600">
              {operation.responses.map((response) => (
                <li key={response.status}>
                  <span className="font-semibold">{response.status}</span> <Prose inline text={answerText(t, response.description)} />
                </li>
              ))}
            </ul>
            <details className="mt-2 text-sm">
              <summary className="cursor-pointer text-brand-700">{t("api.example.curl")}</summary>
              <pre className="mt-2 overflow-x-auto whitespace-pre-wrap break-all rounded bg-slate-900 p-2 text-xs text-slate-100" data-testid="api-curl">
                {curlExample(base, operation)}
              </pre>
              {operation.requestExample !== undefined ? (
                <>
                  <p className="mt-2 text-xs font-semibold text-slate-700">{t("api.example.request")}</p>
                  <Json value={operation.requestExample} />
                </>
              ) : null}
              {operation.responseExample !== undefined ? (
                <>
                  <p className="mt-2 text-xs font-semibold text-slate-700">{t("api.example.response")}</p>
                  <Json value={operation.responseExample} />
                </>
              ) : null}
            </details>
          </article>
        ))}
      </section>
      <section className="space-y-2">
        <h2 className="text-base font-semibold">{t("api.schemas")}</h2>
        {Object.entries(document.components.schemas).map(([name, schema]) => (
          <details key={name} className="rounded-lg border border-slate-200 bg-white p-3">
            <summary className="cursor-pointer font-mono text-sm">{name}</summary>
            <Json value={schema} />
          </details>
        ))}
      </section>
    </div>
  );
}
