// Web + worker in one process (`npm run demo|start`): the delivery worker starts with the server and
// stops with it. DELIVERY_CONCURRENCY=0 leaves delivery to `npm run worker` processes. The launcher
// hands SIGTERM / SIGINT to this process (NEXT_MANUAL_SIG_HANDLE): deliveries in flight finish first.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Traces first (OTEL_EXPORTER_OTLP_ENDPOINT), so every request after start-up is in them.
  const { startTracing } = await import("@/lib/observability/tracing");
  await startTracing("callbridge-web");
  // Sign-in throttling by address needs each request's real peer (lib/net/peer-address.ts).
  const { stampPeerAddress } = await import("@/lib/net/peer-address");
  stampPeerAddress();
  const { stopOnSignals } = await import("@/lib/jobs/shutdown");
  if (process.env.NEXT_MANUAL_SIG_HANDLE) stopOnSignals("web");
  const { env } = await import("@/lib/env");
  const concurrency = env().DELIVERY_CONCURRENCY;
  if (!concurrency) return;
  const { startDeliveryWorker } = await import("@/lib/engine/worker");
  await startDeliveryWorker(concurrency);
}

/**
 * Server errors Next caught in a render, route handler, action or the proxy: one log line (scrubbed
 * like every line) and an exception on the request's span. The request's headers are not logged.
 */
export async function onRequestError(error: unknown, request: Readonly<{ path: string; method: string }>, context: Readonly<{ routePath: string; routeType: string; routerKind: string }>) {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { reportRequestError } = await import("@/lib/observability/request-error");
  reportRequestError(error, request, context);
}
