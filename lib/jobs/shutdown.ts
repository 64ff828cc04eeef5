// Graceful shutdown on SIGTERM / SIGINT: stop taking jobs, let the ones in flight finish (or hand them
// back when they overrun the grace period), close the pools, then `last` (the embedded database a worker
// started: it goes after the deliveries, never while they finish), then exit.
import { stopJobs } from "./boss";
import { stopTracing } from "@/lib/observability/tracing";
import { log } from "@/lib/observability/logger";

export function stopOnSignals(role: string, graceMs = 30_000, last?: () => Promise<void>) {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log(role).info({ signal }, "stopping: finishing deliveries in flight");
    const forced = setTimeout(() => process.exit(1), graceMs + 5_000);
    forced.unref();
    stopJobs(graceMs)
      .catch((error: unknown) => log(role).error({ err: error }, "shutdown failed"))
      .then(stopTracing)
      .catch((error: unknown) => log(role).error({ err: error }, "stopping traces failed"))
      .then(() => last?.())
      .catch((error: unknown) => log(role).error({ err: error }, "stopping the database failed"))
      .finally(() => process.exit(0));
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}
