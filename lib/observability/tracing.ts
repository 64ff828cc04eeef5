// OpenTelemetry traces, on only when OTEL_EXPORTER_OTLP_ENDPOINT is set (OTLP over HTTP, JSON, to
// <endpoint>/v1/traces). Spans are made by hand where they mean something — the webhook request, the
// delivery job (linked to the request that stored its event), each CRM request — with no
// auto-instrumentation, so no URL with a phone in its query or header with a token is ever recorded.
// Without the SDK started, @opentelemetry/api hands out no-op spans and all of this costs nothing.
import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Attributes, type Link, type Span } from "@opentelemetry/api";
import { processShared } from "@/lib/cache/process-shared";
import { log } from "./logger";
import { scrubText } from "./scrub";

export const tracingEnabled = () => Boolean(process.env.OTEL_EXPORTER_OTLP_ENDPOINT);

/** Starts the SDK once per process (web, worker); `service` names it unless OTEL_SERVICE_NAME does. */
export async function startTracing(service: string): Promise<void> {
  if (!tracingEnabled()) return;
  await processShared("otel-sdk", async () => {
    // Only traces: metrics are Prometheus' (./metrics.ts), logs are pino's.
    process.env.OTEL_METRICS_EXPORTER ||= "none";
    process.env.OTEL_LOGS_EXPORTER ||= "none";
    // Next's own fetch spans record the full URL (a CRM search's query holds the phone): ours replace them.
    process.env.NEXT_OTEL_FETCH_DISABLED = "1";
    const [{ NodeSDK }, { OTLPTraceExporter }] = await Promise.all([import("@opentelemetry/sdk-node"), import("@opentelemetry/exporter-trace-otlp-http")]);
    const sdk = new NodeSDK({ serviceName: process.env.OTEL_SERVICE_NAME || service, traceExporter: new OTLPTraceExporter(), instrumentations: [] });
    sdk.start();
    log("tracing").info({ endpoint: process.env.OTEL_EXPORTER_OTLP_ENDPOINT, serviceName: process.env.OTEL_SERVICE_NAME || service }, "tracing on");
    return sdk;
  });
}

/** Sends the spans still buffered (graceful shutdown). */
export async function stopTracing(): Promise<void> {
  const sdk = processShared<Promise<{ shutdown(): Promise<void> }> | null>("otel-sdk", () => null);
  await (await sdk)?.shutdown().catch(() => undefined);
}

const tracer = () => trace.getTracer("callbridge");

/** Runs `run` inside a new span (child of the current one unless `root`); errors mark the span failed. */
export async function inSpan<T>(name: string, options: { kind?: SpanKind; attributes?: Attributes; links?: Link[]; root?: boolean }, run: (span: Span) => Promise<T>): Promise<T> {
  const parent = options.root ? ROOT_CONTEXT : context.active();
  return tracer().startActiveSpan(name, { kind: options.kind ?? SpanKind.INTERNAL, attributes: options.attributes, links: options.links }, parent, async (span) => {
    try {
      return await run(span);
    } catch (error) {
      // Scrubbed like a log line: CRM errors quote the phone or e-mail they were about.
      span.recordException(error instanceof Error ? { name: error.name, message: scrubText(error.message) } : scrubText(String(error)));
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : "error" });
      throw error;
    } finally {
      span.end();
    }
  });
}

/** The current span as a W3C traceparent, stored with a delivery job so its span can link back. */
export function currentTraceparent(): string | undefined {
  if (!trace.getActiveSpan()) return undefined;
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent;
}

/** A span link to the request that stored the event (none when it was not traced). */
export function linkTo(traceparent: string | undefined): Link[] {
  if (!traceparent) return [];
  const spanContext = trace.getSpanContext(propagation.extract(ROOT_CONTEXT, { traceparent }));
  return spanContext ? [{ context: spanContext }] : [];
}

export { SpanKind };
