// Web + worker in one process (`npm run demo|start`): the delivery worker starts with the server and
// stops with it. DELIVERY_CONCURRENCY=0 leaves delivery to `npm run worker` processes. The launcher
// hands SIGTERM / SIGINT to this process (NEXT_MANUAL_SIG_HANDLE): deliveries in flight finish first.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
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
