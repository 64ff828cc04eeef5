// The API reference page's operations, read from the OpenAPI document: this project's key filled into the
// paths, the summary's message key (api.op.<method>.<path>, the document's own English being the fallback),
// and the examples the document carries, with a curl line that runs as shown.
type Operation = { summary: string; requestBody?: { content?: Record<string, { example?: unknown }> }; responses: Record<string, { description: string; content?: Record<string, { example?: unknown }> }> };
type Document = { paths: Record<string, Record<string, unknown>> };

export interface ShownOperation {
  id: string;
  method: string;
  /** With the project's key in place of {projectKey}. */
  path: string;
  summary: string;
  summaryKey: string;
  responses: Array<{ status: string; description: string }>;
  requestExample?: unknown;
  responseExample?: unknown;
  /** Webhooks are signed with the project's webhook secret instead of an API token. */
  signed: boolean;
}

const METHODS = ["get", "put", "post", "delete"];

/** The key the messages give an operation's summary under (lib/i18n/messages: api.op.…). */
export const summaryKeyOf = (method: string, path: string) => {
  const slug = path.replace("/api/v1/projects/{projectKey}", "").replace(/^\/api(\/v1)?(?=\/)/, "").replace(/[{}]/g, "").replace(/^\/+|\/+$/g, "").replace(/\//g, ".");
  return `api.op.${method}.${slug || "root"}`;
};

export function operationsOf(document: Document, projectKey: string): ShownOperation[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, raw]) => {
        const operation = raw as Operation;
        const okAnswer = Object.entries(operation.responses).find(([status]) => status.startsWith("2"))?.[1];
        return {
          id: `${method} ${path}`,
          method,
          path: path.replaceAll("{projectKey}", projectKey),
          summary: operation.summary,
          summaryKey: summaryKeyOf(method, path),
          responses: Object.entries(operation.responses).map(([status, response]) => ({ status, description: response.description })),
          requestExample: operation.requestBody?.content?.["application/json"]?.example,
          responseExample: okAnswer?.content?.["application/json"]?.example,
          signed: path.includes("/webhooks/"),
        };
      }),
  );
}

/** A curl line for the operation on this server; $TOKEN (or the signature's parts) are the reader's own. */
export function curlExample(base: string, operation: ShownOperation): string {
  const lines = [`curl -X ${operation.method.toUpperCase()} "${base}${operation.path}"`];
  if (operation.signed) lines.push(`  -H "X-Callbridge-Timestamp: $TIMESTAMP"`, `  -H "X-Callbridge-Signature: $SIGNATURE"`);
  else if (!operation.path.endsWith("/health")) lines.push(`  -H "Authorization: Bearer $TOKEN"`);
  if (operation.requestExample !== undefined) lines.push(`  -H "Content-Type: application/json"`, `  -d '${JSON.stringify(operation.requestExample).replaceAll("'", "'\\''")}'`);
  return lines.join(" \\\n");
}
