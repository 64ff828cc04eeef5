// One webhook or API request as the operator sees it: a request id (the caller's X-Request-Id when it
// sent a sane one), a span, one "request handled" log line with status and duration, and a counter.
import { randomUUID } from "node:crypto";
import { withLogContext } from "./context";
import { log } from "./logger";
import { metrics } from "./metrics";
import { inSpan, SpanKind } from "./tracing";

const SANE_ID = /^[\w.:-]{1,64}$/;

export function requestIdOf(header: string | null | undefined): string {
  return header && SANE_ID.test(header) ? header : randomUUID();
}

/** `route` is the route's template ("POST /api/webhooks/{projectKey}/events"): bounded, and no secrets. */
export function observeRequest(route: string, ids: { requestId: string; projectKey?: string }, handle: () => Promise<Response>): Promise<Response> {
  const started = performance.now();
  return withLogContext(ids, () =>
    inSpan(route, { kind: SpanKind.SERVER, attributes: { "http.route": route, "callbridge.request_id": ids.requestId, ...(ids.projectKey ? { "callbridge.project_key": ids.projectKey } : {}) } }, async (span) => {
      const response = await handle();
      const durationMs = Math.round((performance.now() - started) * 10) / 10;
      span.setAttribute("http.response.status_code", response.status);
      metrics().requests.inc({ route, status: String(response.status) });
      log("http")[response.status >= 500 ? "error" : "info"]({ route, status: response.status, durationMs }, "request handled");
      try {
        response.headers.set("x-request-id", ids.requestId);
      } catch {
        // Some responses (Response.redirect, a passed-through fetch) have immutable headers: no id for them.
      }
      return response;
    }),
  );
}
