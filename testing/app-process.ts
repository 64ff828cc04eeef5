// One app process for tests and benchmarks about several processes: the webhook's own ingest code
// behind node:http and (unless DELIVERY_CONCURRENCY=0) the delivery worker, on the database DATABASE_URL
// names. Prints "listening <port>"; SIGTERM stops it gracefully, SIGKILL is a crash.
import { prepareDatabase } from "@/lib/db/prepare";
import { startDeliveryWorker } from "@/lib/engine/worker";
import { ingestServer, listenAndAnnounce } from "@/lib/events/node-ingest";
import { stopOnSignals } from "@/lib/jobs/shutdown";
import { startTracing } from "@/lib/observability/tracing";
import { startWorkerEndpoint } from "@/lib/engine/worker-endpoint";

await startTracing("callbridge-app");

// Like `npm run start`: bring the database up to date first (other processes may be starting too).
if (process.env.MIGRATE === "on") await prepareDatabase(process.env.DATABASE_URL!, { migrate: true });
const concurrency = Number(process.env.DELIVERY_CONCURRENCY ?? 16);
if (concurrency > 0) await startDeliveryWorker(concurrency);
stopOnSignals("app");
if (process.env.WORKER_METRICS_PORT) await startWorkerEndpoint();
listenAndAnnounce(ingestServer());
