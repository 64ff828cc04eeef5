// Web + worker in one process (`npm run demo|start`): the delivery worker starts with the server and
// stops with it. DELIVERY_CONCURRENCY=0 leaves delivery to `npm run worker` processes.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env } = await import("@/lib/env");
  const concurrency = env().DELIVERY_CONCURRENCY;
  if (!concurrency) return;
  const { startDeliveryWorker } = await import("@/lib/engine/worker");
  const { stopOnSignals } = await import("@/lib/jobs/shutdown");
  await startDeliveryWorker(concurrency);
  stopOnSignals("web");
}
