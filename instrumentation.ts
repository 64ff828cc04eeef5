// Single-server mode: the delivery job runs in-process on a timer (DELIVERY_INTERVAL_MS, default 5 s;
// 0 switches it off, e.g. when an external cron calls /api/cron/deliver).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const interval = Number(process.env.DELIVERY_INTERVAL_MS ?? 5_000);
  if (!interval) return;
  const { runDeliveries } = await import("@/lib/engine/worker");
  let running = false;
  setInterval(() => {
    // One run at a time per process; other processes coordinate through SKIP LOCKED.
    if (running) return;
    running = true;
    runDeliveries()
      .catch((error: unknown) => console.error("delivery run failed", error))
      .finally(() => {
        running = false;
      });
  }, interval).unref();
}
