// Logs, metrics and traces of a real app process (webhook ingest + delivery worker, testing/
// app-process.ts) delivering real traffic into both sandbox CRMs over HTTP: its whole log (stdout and
// stderr) holds none of the run's secrets, tokens, phone numbers or e-mails, yet names the requests,
// events, jobs and CRM calls; its worker endpoint's counters move with the traffic and its health is
// up; its spans reach an OTLP receiver, the delivery's span linked to the webhook request's.
import { writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { openCredentials } from "@/lib/connectors/sealed-credentials";
import { signPayload } from "@/lib/events/signature";
import { normalisePhone } from "@/lib/phone/variants";
import { connectActive } from "@/testing/connected";
import { insertTestEvent, makeProject } from "@/testing/factories";
import { openFreshDatabase } from "@/testing/fresh-database";
import { makeRetriesDue } from "@/testing/jobs";
import { startLogged, type LoggedProcess } from "@/testing/logged-process";
import { startOtlpReceiver } from "@/testing/otlp-receiver";
import { openSandbox, pipedriveCredentials, zohoCredentials, type SandboxHandle } from "@/testing/sandbox";

// This test process's own lines (its sandbox servers) stay out of the way; the app's are what is checked.
process.env.LOG_LEVEL = "warn";
// Its own database: the worker this file starts must take only this file's jobs.
await openFreshDatabase("observability");

const METRICS_TOKEN = "metrics-token-for-this-run-9f2c41d7a1b04e";
const receiver = await startOtlpReceiver();
const sandboxes: SandboxHandle[] = [];
let app: LoggedProcess;
let endpoint = "";

interface Tenant {
  crm: "zoho" | "pipedrive";
  projectId: string;
  projectKey: string;
  apiToken: string;
  webhookSecret: string;
}
const tenants: Tenant[] = [];
const secrets = new Set<string>([METRICS_TOKEN]);

async function tenant(crm: "zoho" | "pipedrive"): Promise<Tenant> {
  const sandbox = await openSandbox(crm, `obs-${crm}`);
  sandboxes.push(sandbox);
  const credentials = crm === "zoho" ? await zohoCredentials(sandbox) : await pipedriveCredentials(sandbox);
  const created = await makeProject(`Observed ${crm}`);
  const project = await db().project.findUniqueOrThrow({ where: { key: created.projectKey } });
  await connectActive(project, credentials, { userId: null, actor: "test" });
  for (const [key, value] of Object.entries(credentials)) if (/token|secret/i.test(key) && typeof value === "string") secrets.add(value);
  secrets.add(created.apiToken).add(created.webhookSecret);
  return { crm, projectId: project.id, projectKey: created.projectKey, apiToken: created.apiToken, webhookSecret: created.webhookSecret };
}

const phoneOf = (index: number) => `+38067${String(4_100_000 + index * 37).padStart(7, "0")}`;
const emailOf = (index: number) => `Client.${index}.Obs@Example.test`;
const personal = new Set<string>();

function eventsOf(index: number) {
  const phone = phoneOf(index);
  const national = `0${normalisePhone(phone, "UA")!.nationalSignificant}`;
  const spaced = `${national.slice(0, 3)} ${national.slice(3, 6)} ${national.slice(6, 8)} ${national.slice(8)}`;
  for (const value of [phone, phone.slice(1), national, spaced, emailOf(index), emailOf(index).toLowerCase()]) personal.add(value);
  const at = new Date(Date.now() - 3_600_000 + index * 60_000).toISOString();
  return [
    { id: `obs-${index}-call`, type: "call", direction: "incoming", status: "answered", startedAt: at, durationSec: 30, caller: phone, callee: "+380441234567", line: "sales-1", employee: { sip: "olena" } },
    { id: `obs-${index}-form`, type: "form", submittedAt: at, formName: "Contact us", fields: { tel: spaced, email: emailOf(index), name: `Client ${index}` } },
  ];
}

async function post(target: Tenant, event: object, options: { wrongSignature?: boolean } = {}) {
  const body = JSON.stringify(event);
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = signPayload(options.wrongSignature ? "not-the-secret" : target.webhookSecret, timestamp, body);
  secrets.add(signature.replace(/^v1=/, ""));
  const response = await fetch(`${appUrl}/api/webhooks/${target.projectKey}/events`, {
    method: "POST",
    body,
    // An integrator that sends its API token along by mistake: it must not be logged either.
    headers: { "content-type": "application/json", "x-callbridge-timestamp": String(timestamp), "x-callbridge-signature": signature, authorization: `Bearer ${target.apiToken}`, "x-request-id": `req-${(event as { id: string }).id}` },
  });
  return response.status;
}

let appUrl = "";

async function scrape(token = METRICS_TOKEN) {
  const response = await fetch(`${endpoint}/metrics`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: response.status, text: response.status === 200 ? await response.text() : "" };
}

/** The value of one series in Prometheus text (0 when absent). */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  let total = 0;
  for (const line of text.split("\n")) {
    const match = /^([a-z_]+)(\{.*\})? ([0-9.e+-]+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const series = Object.fromEntries([...(match[2] ?? "").matchAll(/(\w+)="([^"]*)"/g)].map((pair) => [pair[1], pair[2]]));
    if (Object.entries(labels).every(([key, value]) => series[key] === value)) total += Number(match[3]);
  }
  return total;
}

const CLIENTS = 4;

beforeAll(async () => {
  tenants.push(await tenant("zoho"), await tenant("pipedrive"));
  app = startLogged("testing/app-process.ts", {
    DELIVERY_CONCURRENCY: "4",
    LOG_LEVEL: "debug",
    METRICS_TOKEN,
    WORKER_METRICS_PORT: "0",
    OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
    OTEL_BSP_SCHEDULE_DELAY: "100",
  });
  appUrl = `http://127.0.0.1:${(await app.waitFor(/listening (\d+)/))[1]}`;
  endpoint = `http://127.0.0.1:${(await app.waitFor(/"port":(\d+),"msg":"worker metrics and health listening"/))[1]}`;
}, 120_000);

afterAll(async () => {
  await app?.stop();
  await receiver.close();
  await Promise.all(sandboxes.map((sandbox) => sandbox.server.close()));
});

describe("a real app process under real traffic", () => {
  it("counts, logs and traces every delivery, and nothing secret or personal reaches its log", { timeout: 240_000 }, async () => {
    expect((await scrape("")).status).toBe(401);
    expect((await scrape("wrong")).status).toBe(401);
    const before = (await scrape()).text;
    expect(sample(before, "callbridge_events_received_total")).toBe(0);
    expect(sample(before, "callbridge_delivery_lanes")).toBe(4);
    expect((await fetch(`${endpoint}/health`)).status).toBe(200);

    // Pipedrive answers some requests with a 5xx: retries are logged too (with the CRM's words). One
    // delivery makes about a dozen calls, all of which must succeed in one attempt: at 1 in 10 failing,
    // most events need a retry or two, not twenty.
    await sandboxes[1]!.control({ errorRate: 0.1 });
    for (const target of tenants)
      for (let index = 0; index < CLIENTS; index++) for (const event of eventsOf(index + (target.crm === "zoho" ? 0 : 100))) expect(await post(target, event)).toBe(202);
    expect(await post(tenants[0]!, eventsOf(999)[0]!, { wrongSignature: true })).toBe(401);

    try {
      for (let round = 0; ; round++) {
        const done = await db().event.count({ where: { projectId: { in: tenants.map((target) => target.projectId) }, status: "delivered" } });
        if (done === tenants.length * CLIENTS * 2) break;
        if (round > 400) throw new Error(`only ${done} delivered:\n${app.log().slice(-3000)}`);
        for (const target of tenants) await makeRetriesDue(target.projectId);
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
    } finally {
      // The next test's worker must meet a healthy CRM whatever happened here.
      await sandboxes[1]!.control({ errorRate: 0 });
    }

    // Metrics: the counters moved by exactly the traffic, by type and CRM.
    const after = (await scrape()).text;
    expect(sample(after, "callbridge_events_received_total", { type: "call", status: "queued" })).toBe(tenants.length * CLIENTS);
    expect(sample(after, "callbridge_events_received_total", { type: "form" })).toBe(tenants.length * CLIENTS);
    for (const crm of ["zoho", "pipedrive"]) {
      expect(sample(after, "callbridge_events_delivered_total", { crm })).toBe(CLIENTS * 2);
      expect(sample(after, "callbridge_delivery_latency_seconds_count", { crm })).toBe(CLIENTS * 2);
      expect(sample(after, "callbridge_crm_requests_total", { crm })).toBeGreaterThan(CLIENTS * 2);
    }
    expect(sample(after, "callbridge_crm_requests_total", { crm: "pipedrive", status: "200" })).toBeGreaterThan(0);
    // Every 5xx of a delivery's CRM call came back as a retry of that event.
    // The sandbox answers a failing request with 500, 502 or 503 (lib/sandbox/handler.ts): count them all.
    const crmFailures = ["500", "502", "503"].reduce((sum, status) => sum + sample(after, "callbridge_crm_requests_total", { crm: "pipedrive", status }), 0);
    const retries = sample(after, "callbridge_events_failed_total", { crm: "pipedrive", outcome: "retry" });
    expect(crmFailures).toBeGreaterThan(0);
    expect(retries).toBeGreaterThan(0);
    expect(sample(after, "callbridge_http_requests_total", { status: "202" })).toBe(tenants.length * CLIENTS * 2);
    expect(sample(after, "callbridge_http_requests_total", { status: "401" })).toBe(1);
    expect(sample(after, "callbridge_delivery_lanes_busy")).toBe(0);
    expect(sample(after, "callbridge_queue_depth")).toBe(0);
    // Operations are route templates: no id, number or query in a label.
    const operations = [...after.matchAll(/operation="([^"]+)"/g)].map((match) => match[1]!);
    expect(operations.length).toBeGreaterThan(0);
    for (const operation of operations) expect(operation).toMatch(/^(GET|POST|PUT|PATCH|DELETE) [a-zA-Z0-9_/{}.-]+$/);

    // Traces: each delivery's span links to the webhook request that stored its event; CRM calls are its children.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const spans = receiver.spans;
    const requests = spans.filter((span) => span.name === "POST /api/webhooks/{projectKey}/events");
    const deliveries = spans.filter((span) => span.name === "deliver event");
    const crmCalls = spans.filter((span) => span.attributes["callbridge.crm"] !== undefined);
    expect(requests.length).toBe(tenants.length * CLIENTS * 2 + 1);
    expect(deliveries.length).toBeGreaterThanOrEqual(tenants.length * CLIENTS * 2);
    const requestIds = new Set(requests.map((span) => span.spanId));
    const linked = deliveries.filter((span) => span.links.some((link) => requestIds.has(link.spanId)));
    expect(linked.length).toBeGreaterThanOrEqual(tenants.length * CLIENTS * 2);
    const deliveryIds = new Set(deliveries.map((span) => span.spanId));
    expect(crmCalls.length).toBeGreaterThan(0);
    for (const call of crmCalls.filter((span) => !String(span.attributes["url.template"]).includes("oauth"))) expect(deliveryIds.has(call.parentSpanId ?? "")).toBe(true);
    for (const call of crmCalls) {
      expect(call.attributes["http.request.method"]).toMatch(/^[A-Z]+$/);
      expect(String(call.attributes["url.template"])).toMatch(/^\/[a-zA-Z0-9_/{}.-]*$/);
    }
    expect(crmCalls.some((call) => call.attributes["http.response.status_code"] === 200 || call.attributes["http.response.status_code"] === 201)).toBe(true);

    // Logs: the events of interest, with their ids.
    await app.stop();
    const log = app.log();
    // To read it by hand: OBSERVED_LOG_FILE=/tmp/app.log npm run test:unit -- lib/observability/real-process.test.ts
    if (process.env.OBSERVED_LOG_FILE) writeFileSync(process.env.OBSERVED_LOG_FILE, log);
    // Every line is a JSON log line but the one "listening <port>" the parent reads (lib/events/node-ingest.ts).
    const lines = log.split("\n").filter((line) => line && !/^listening \d+$/.test(line));
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const named = (msg: string) => entries.filter((entry) => entry.msg === msg);
    expect(named("request handled").every((entry) => typeof entry.requestId === "string" && typeof entry.status === "number" && typeof entry.durationMs === "number")).toBe(true);
    expect(named("request handled").some((entry) => entry.requestId === "req-obs-0-call" && entry.projectKey === tenants[0]!.projectKey)).toBe(true);
    expect(named("event accepted").length).toBe(tenants.length * CLIENTS * 2);
    // Ids stay readable: redaction takes secrets, not the names of rows.
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    expect(named("event accepted").every((entry) => uuid.test(String(entry.eventId)) && typeof entry.requestId === "string")).toBe(true);
    expect(named("CRM call").every((entry) => typeof entry.status === "number" && typeof entry.durationMs === "number" && typeof entry.route === "string")).toBe(true);
    expect(named("delivery step").length).toBeGreaterThan(0);
    expect(named("delivery retry scheduled").length).toBe(retries);
    expect(named("event delivered").every((entry) => uuid.test(String(entry.jobId)) && uuid.test(String(entry.eventId)))).toBe(true);
    expect(named("event delivered").length).toBe(tenants.length * CLIENTS * 2);

    // Nothing secret or personal anywhere in the whole log (stdout and stderr) or in any span.
    const spansText = receiver.bodies.join("\n");
    expect(secrets.size).toBeGreaterThan(6);
    for (const secret of [...secrets, ...personal]) {
      expect(log.includes(secret), `the log holds ${secret}`).toBe(false);
      expect(spansText.includes(secret), `a span holds ${secret}`).toBe(false);
    }
    // Tokens the connector obtained while running (Zoho's OAuth access token) are secrets of the run too.
    for (const target of tenants) {
      const stored = openCredentials((await db().integration.findUniqueOrThrow({ where: { projectId: target.projectId } })).credentialsEncrypted, target.projectId) as unknown as Record<string, unknown>;
      for (const [key, value] of Object.entries(stored)) if (/token|secret/i.test(key) && typeof value === "string" && value.length > 8) expect(log.includes(value), `the log holds ${key}`).toBe(false);
    }
  });

  it("a worker-only process (npm run worker) delivers and counts on WORKER_METRICS_PORT, healthy while its engine runs", { timeout: 180_000 }, async () => {
    await app.stop();
    const worker = startLogged("scripts/worker.ts", { DELIVERY_CONCURRENCY: "3", METRICS_TOKEN, WORKER_METRICS_PORT: "0", LOG_LEVEL: "info" });
    try {
      const port = (await worker.waitFor(/"port":(\d+),"msg":"worker metrics and health listening"/))[1];
      const base = `http://127.0.0.1:${port}`;
      const health = await fetch(`${base}/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ ok: true, engine: "started", db: "up" });
      const metricsOf = async () => (await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
      expect(sample(await metricsOf(), "callbridge_delivery_lanes")).toBe(3);
      expect(sample(await metricsOf(), "callbridge_events_delivered_total")).toBe(0);
      // Events stored as the webhook stores them; only this worker is running to deliver them.
      const target = tenants[1]!;
      const ids: string[] = [];
      for (let index = 0; index < 3; index++) ids.push(await insertTestEvent(target.projectId, eventsOf(200 + index)[0]!));
      for (let round = 0; ; round++) {
        // Its own three events, by id: anything an earlier test left queued may be delivered by it too.
        if ((await db().event.count({ where: { id: { in: ids }, status: "delivered" } })) === 3) break;
        if (round > 200) throw new Error(`the worker did not deliver:\n${worker.log().slice(-3000)}`);
        await makeRetriesDue(target.projectId);
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
      expect(sample(await metricsOf(), "callbridge_events_delivered_total", { crm: "pipedrive", type: "call" })).toBeGreaterThanOrEqual(3);
      expect(sample(await metricsOf(), "callbridge_crm_requests_total", { crm: "pipedrive" })).toBeGreaterThan(0);
      expect(worker.log()).toContain('"msg":"worker delivering"');
      for (const secret of [...secrets, ...personal]) expect(worker.log().includes(secret), `the worker's log holds ${secret}`).toBe(false);
    } finally {
      await worker.stop();
    }
  });
});

