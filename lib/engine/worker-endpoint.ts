// A worker-only process (`npm run worker`) has no web server: with WORKER_METRICS_PORT set it serves
// GET /metrics (same registry and METRICS_TOKEN rule as the web's /api/metrics) and GET /health, which
// is 200 only while this process's job engine is started and the database answers through it — what
// an orchestrator needs to restart a worker that lost its database or stopped taking jobs.
import { createServer, type Server } from "node:http";
import type { PgBoss } from "pg-boss";
import { peekProcessShared } from "@/lib/cache/process-shared";
import { log } from "@/lib/observability/logger";
import { METRICS_CONTENT_TYPE, metricsText } from "@/lib/observability/metrics";
import { metricsAccess } from "@/lib/observability/metrics-access";
import { readDeliveryQueue } from "./queue-depth";

const HEALTH_TIMEOUT_MS = 2_000;

async function engineUp(): Promise<boolean> {
  // lib/jobs/boss.ts keeps the started engine here, and takes it out when it stops.
  const engine = peekProcessShared<Promise<PgBoss>>("pg-boss");
  if (!engine) return false;
  const check = engine.then((boss) => boss.getDb().executeSql("SELECT 1", []).then(() => true));
  const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), HEALTH_TIMEOUT_MS).unref());
  return Promise.race([check, timeout]).catch(() => false);
}

export function startWorkerEndpoint(port = Number(process.env.WORKER_METRICS_PORT)): Promise<Server | null> {
  if (!port && port !== 0) return Promise.resolve(null);
  const server = createServer((request, response) => {
    const path = (request.url ?? "/").split("?")[0];
    void (async () => {
      if (request.method === "GET" && path === "/health") {
        const up = await engineUp();
        response.writeHead(up ? 200 : 503, { "content-type": "application/json" }).end(JSON.stringify(up ? { ok: true, engine: "started", db: "up" } : { ok: false }));
      } else if (request.method === "GET" && path === "/metrics") {
        const access = metricsAccess(request.headers.authorization);
        if (access !== 200) return void response.writeHead(access).end();
        response.writeHead(200, { "content-type": METRICS_CONTENT_TYPE }).end(await metricsText(readDeliveryQueue));
      } else response.writeHead(404).end();
    })().catch((error: unknown) => {
      log("worker-endpoint").error({ err: error }, "worker endpoint failed");
      if (!response.headersSent) response.writeHead(500).end();
    });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, process.env.WORKER_METRICS_HOST ?? "127.0.0.1", () => {
      const address = server.address();
      log("worker-endpoint").info({ port: typeof address === "object" && address ? address.port : port }, "worker metrics and health listening");
      resolve(server.unref());
    });
  });
}
