// The container's web process without a container: Next's standalone output started with plain
// `node .next/standalone/server.js` on the test database, checked with real traffic — health, the
// metrics guard and counters, a signed webhook, a config-API call with an API token, a span at an OTLP
// receiver on 127.0.0.1, a clean SIGTERM, and its whole log free of the run's secrets, phones, e-mails.
// Needs the standalone build: `npm run standalone` builds it and runs this file (without the build the
// file is skipped, unless STANDALONE_REQUIRED=1 — as `npm run standalone` sets — makes that a failure).
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..");
const SERVER = join(ROOT, ".next/standalone/server.js");
const built = existsSync(SERVER);
if (!built && process.env.STANDALONE_REQUIRED === "1") throw new Error(`${SERVER} is missing: run npm run standalone`);

function check(ok: unknown, what: string) {
  expect(ok, what).toBeTruthy();
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe.skipIf(!built)("the standalone server (node .next/standalone/server.js)", () => {
  it("serves, counts, traces and logs nothing secret", { timeout: 180_000 }, async () => {
    const { createProject } = await import("@/lib/projects/create-project");
    const project = await createProject({ name: "Standalone check", timezone: "Europe/Kyiv", defaultCountry: "UA" }, { actor: "standalone-check" });
    const { startOtlpReceiver } = await import("@/testing/otlp-receiver");
    const receiver = await startOtlpReceiver();
    const metricsToken = `standalone-metrics-${process.pid}-${Date.now()}`;
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;

    const child = spawn(process.execPath, [SERVER], {
      cwd: join(ROOT, ".next/standalone"),
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, NODE_ENV: "production", PORT: String(port), HOSTNAME: "127.0.0.1", NEXT_MANUAL_SIG_HANDLE: "true", DELIVERY_CONCURRENCY: "2", METRICS_TOKEN: metricsToken, OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_BSP_SCHEDULE_DELAY: "100", LOG_LEVEL: "debug", LOG_PRETTY: "off" },
    });
    let log = "";
    child.stdout.on("data", (chunk: Buffer) => (log += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (log += chunk.toString()));
    try {
      for (let attempt = 0; ; attempt++) {
        if (child.exitCode !== null) throw new Error(`the standalone server exited with ${child.exitCode}:\n${log}`);
        const health = await fetch(`${url}/api/health`).catch(() => null);
        if (health?.ok) break;
        if (attempt > 120) throw new Error(`the standalone server did not become healthy:\n${log}`);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      check(true, `node .next/standalone/server.js answers /api/health on ${url}`);
      check((await fetch(`${url}/api/metrics`)).status === 401, "GET /api/metrics without the token: 401");
      const scrape = async () => (await fetch(`${url}/api/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } })).text();
      check(/^callbridge_delivery_lanes 2$/m.test(await scrape()), "GET /api/metrics with METRICS_TOKEN: Prometheus text, 2 delivery lanes");

      const { signPayload } = await import("@/lib/events/signature");
      const phone = "+380671230099";
      const email = "Standalone.Check@Example.test";
      const body = JSON.stringify({ id: `standalone-${Date.now()}`, type: "form", submittedAt: new Date().toISOString(), formName: "Contact us", fields: { tel: phone, email } });
      const timestamp = Math.floor(Date.now() / 1000);
      const signature = signPayload(project.webhookSecret, timestamp, body);
      const posted = await fetch(`${url}/api/webhooks/${project.projectKey}/events`, { method: "POST", body, headers: { "content-type": "application/json", "x-callbridge-timestamp": String(timestamp), "x-callbridge-signature": signature } });
      check(posted.status === 202, "a signed webhook event: 202");
      const listed = await fetch(`${url}/api/v1/projects/${project.projectKey}/events`, { headers: { authorization: `Bearer ${project.apiToken}` } });
      check(listed.status === 200, "the config API with the project's API token: 200");
      const text = await scrape();
      check(/^callbridge_events_received_total\{type="form",status="queued"\} 1$/m.test(text), "events_received_total counted the webhook event");
      check(/^callbridge_http_requests_total\{route="GET \/api\/v1\/projects\/\{projectKey\}\/events",status="200"\} 1$/m.test(text), "http_requests_total counted the API call by its route template");
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      check(receiver.spans.some((span) => span.name === "POST /api/webhooks/{projectKey}/events" && span.service === "callbridge-web"), "the webhook request's span reached the OTLP receiver");

      await new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      });
      check(child.exitCode === 0, "SIGTERM: the server stopped cleanly");
      const jsonLines = log.split("\n").filter((line) => line.startsWith("{"));
      check(jsonLines.some((line) => line.includes('"msg":"event accepted"')) && jsonLines.some((line) => line.includes('"msg":"request handled"')), "JSON log lines for the request and the accepted event");
      for (const [name, secret] of Object.entries({ "API token": project.apiToken, "webhook secret": project.webhookSecret, signature: signature.replace(/^v1=/, ""), "metrics token": metricsToken, phone, "phone digits": phone.slice(1), "national number": "0671230099", email, "e-mail, lower-case": email.toLowerCase() })) {
        check(!log.includes(secret) && !receiver.bodies.join("").includes(secret), `no ${name} in the server's log or spans`);
      }
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
      await receiver.close();
    }
  });
});
