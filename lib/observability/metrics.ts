// Prometheus metrics of this process (prom-client). One registry per process on globalThis
// (lib/cache/process-shared.ts): Next compiles each route handler and the instrumentation into its own
// bundle, and a module-level registry would give each bundle its own counters. Label values are
// bounded: event types, CRM kinds, route templates and outcomes — never a project, phone or token.
import client from "prom-client";
import { processShared } from "@/lib/cache/process-shared";

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const DELIVERY_SECONDS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600, 21600, 86400];

function createMetrics() {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: "callbridge_" });
  const metric = { registers: [registry] };
  return {
    registry,
    eventsReceived: new client.Counter({ ...metric, name: "callbridge_events_received_total", help: "Webhook events stored (new ones; repeats of a stored id are not counted)", labelNames: ["type", "status"] }),
    eventsDelivered: new client.Counter({ ...metric, name: "callbridge_events_delivered_total", help: "Events written into the CRM", labelNames: ["type", "crm"] }),
    eventsFailed: new client.Counter({ ...metric, name: "callbridge_events_failed_total", help: "Delivery attempts that failed (outcome: retry, failed, dead)", labelNames: ["type", "crm", "outcome"] }),
    eventsSkipped: new client.Counter({ ...metric, name: "callbridge_events_skipped_total", help: "Events skipped (stop-list) at ingest or at delivery", labelNames: ["type", "crm"] }),
    deliveryLatency: new client.Histogram({ ...metric, name: "callbridge_delivery_latency_seconds", help: "From the event's arrival (receivedAt) to its delivery", labelNames: ["type", "crm"], buckets: DELIVERY_SECONDS }),
    crmRequests: new client.Counter({ ...metric, name: "callbridge_crm_requests_total", help: "HTTP requests to a CRM (status 0: no answer)", labelNames: ["crm", "operation", "status"] }),
    crmDuration: new client.Histogram({ ...metric, name: "callbridge_crm_request_duration_seconds", help: "CRM request duration", labelNames: ["crm", "operation"], buckets: SECONDS }),
    limiterWaits: new client.Counter({ ...metric, name: "callbridge_limiter_waits_total", help: "CRM requests that waited for the account's concurrency limit or rate-limit window", labelNames: ["crm", "reason"] }),
    limiterWaitSeconds: new client.Counter({ ...metric, name: "callbridge_limiter_wait_seconds_total", help: "Time CRM requests spent waiting for the account's limiter", labelNames: ["crm"] }),
    quotaPauses: new client.Counter({ ...metric, name: "callbridge_quota_pauses_total", help: "Integrations paused because the CRM's quota ran out", labelNames: ["crm", "quota"] }),
    routingAnswers: new client.Counter({ ...metric, name: "callbridge_routing_answers_total", help: "Responsible-manager answers (employee, next or error)", labelNames: ["answer"] }),
    routingLatency: new client.Histogram({ ...metric, name: "callbridge_routing_latency_seconds", help: "Time to answer the PBX's responsible-manager question", labelNames: ["answer"], buckets: SECONDS }),
    lanesBusy: new client.Gauge({ ...metric, name: "callbridge_delivery_lanes_busy", help: "Delivery lanes of this process holding a job" }),
    lanes: new client.Gauge({ ...metric, name: "callbridge_delivery_lanes", help: "Delivery lanes of this process (DELIVERY_CONCURRENCY)" }),
    requests: new client.Counter({ ...metric, name: "callbridge_http_requests_total", help: "Webhook and API requests handled", labelNames: ["route", "status"] }),
    queueDepth: new client.Gauge({ ...metric, name: "callbridge_queue_depth", help: "Delivery jobs waiting (created or retry), all processes" }),
    queueOldest: new client.Gauge({ ...metric, name: "callbridge_queue_oldest_waiting_seconds", help: "Age of the oldest waiting delivery job that is due" }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

export const metrics = (): Metrics => processShared("metrics", createMetrics);

/** Reads the queue gauges just before a scrape (one query), so they are as fresh as the scrape. */
export type QueueReader = () => Promise<{ depth: number; oldestSeconds: number }>;

/** The text a Prometheus scrape gets; a queue that cannot be read leaves its gauges at the last value. */
export async function metricsText(readQueue?: QueueReader): Promise<string> {
  const all = metrics();
  if (readQueue) {
    const queue = await readQueue().catch(() => null);
    if (queue) {
      all.queueDepth.set(queue.depth);
      all.queueOldest.set(queue.oldestSeconds);
    }
  }
  return all.registry.metrics();
}

export const METRICS_CONTENT_TYPE = client.Registry.PROMETHEUS_CONTENT_TYPE;
