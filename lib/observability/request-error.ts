// Next's onRequestError hook (instrumentation.ts) lands here: the error in the same JSON logs, and on
// the active span (Next's request span when tracing is on) so the trace shows where it failed.
import { SpanStatusCode, trace } from "@opentelemetry/api";
import { log } from "./logger";
import { metrics } from "./metrics";
import { scrubText } from "./scrub";

export function reportRequestError(error: unknown, request: { path: string; method: string }, context: { routePath: string; routeType: string; routerKind: string }) {
  // The path without its query: a page's search parameters may hold a phone or an e-mail.
  const path = request.path.split("?")[0];
  const digest = typeof error === "object" && error !== null && "digest" in error ? String((error as { digest: unknown }).digest) : undefined;
  log("next").error({ err: error, method: request.method, path, routePath: context.routePath, routeType: context.routeType, digest }, "server error");
  metrics().requests.inc({ route: `${request.method} ${context.routePath}`, status: "error" });
  const span = trace.getActiveSpan();
  if (span) {
    span.recordException(error instanceof Error ? { name: error.name, message: scrubText(error.message) } : scrubText(String(error)));
    span.setStatus({ code: SpanStatusCode.ERROR, message: `${context.routeType} ${context.routePath}` });
  }
}
