// An OTLP/HTTP trace receiver on loopback for tests: takes what the exporter POSTs to /v1/traces (JSON,
// as @opentelemetry/exporter-trace-otlp-http sends it) and keeps the spans flat, with their resource's
// service name.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: Record<string, unknown>;
  links: Array<{ traceId: string; spanId: string }>;
  status?: { code?: number };
}

type AnyValue = { stringValue?: string; intValue?: string | number; boolValue?: boolean; doubleValue?: number };
const value = (any: AnyValue) => any.stringValue ?? (any.intValue !== undefined ? Number(any.intValue) : (any.boolValue ?? any.doubleValue));
const attributes = (list: Array<{ key: string; value: AnyValue }> = []) => Object.fromEntries(list.map((item) => [item.key, value(item.value)]));

export async function startOtlpReceiver() {
  const spans: ReceivedSpan[] = [];
  const bodies: string[] = [];
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    if (request.method !== "POST" || request.url !== "/v1/traces" || !String(request.headers["content-type"]).includes("json")) {
      response.writeHead(415).end();
      return;
    }
    bodies.push(text);
    const body = JSON.parse(text) as { resourceSpans?: Array<{ resource?: { attributes?: [] }; scopeSpans?: Array<{ spans?: Array<Record<string, never>> }> }> };
    for (const resource of body.resourceSpans ?? []) {
      const service = String(attributes(resource.resource?.attributes)["service.name"] ?? "");
      for (const scope of resource.scopeSpans ?? [])
        for (const span of scope.spans ?? []) {
          const raw = span as unknown as { traceId: string; spanId: string; parentSpanId?: string; name: string; kind: number; attributes?: []; links?: Array<{ traceId: string; spanId: string }>; status?: { code?: number } };
          spans.push({ service, traceId: raw.traceId, spanId: raw.spanId, parentSpanId: raw.parentSpanId || undefined, name: raw.name, kind: raw.kind, attributes: attributes(raw.attributes), links: (raw.links ?? []).map((link) => ({ traceId: link.traceId, spanId: link.spanId })), status: raw.status });
        }
    }
    response.writeHead(200, { "content-type": "application/json" }).end("{}");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, spans, bodies, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
