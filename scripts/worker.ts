// `npm run worker`: delivery only, no web server. Run any number beside `npm run start` processes on
// the same PostgreSQL; pg-boss keeps each client's events in order and each CRM account within its limits.
import { prepareEnv } from "./local-env";
import { answer } from "./cli-output";
const { log } = await import("../lib/observability/logger");
const { startTracing } = await import("../lib/observability/tracing");
await startTracing("callbridge-worker");

// Without DATABASE_URL: the local embedded cluster (the one `npm run demo` runs).
const { stopDatabase } = await prepareEnv({ generateSecrets: !process.env.NEXTAUTH_SECRET });
const { env } = await import("../lib/env");
// Workers never migrate: they wait for the web processes (or the release step) to bring the schema up to date.
const { waitForSchema } = await import("../lib/db/schema-ready");
await waitForSchema(env().DATABASE_URL);
const { startDeliveryWorker } = await import("../lib/engine/worker");
const { stopOnSignals } = await import("../lib/jobs/shutdown");
const concurrency = env().DELIVERY_CONCURRENCY || 16;
await startDeliveryWorker(concurrency);
// The embedded cluster (when this worker uses one) is left last, after the deliveries in flight.
stopOnSignals("worker", undefined, stopDatabase);
// WORKER_METRICS_PORT: GET /metrics and GET /health for the orchestrator and the scraper.
await (await import("../lib/engine/worker-endpoint")).startWorkerEndpoint();
log("worker").info({ concurrency }, "worker delivering");
// The line an operator (and the tests and benchmarks that start workers) read, whatever LOG_LEVEL says.
answer(`worker: delivering, up to ${concurrency} clients at once`);
