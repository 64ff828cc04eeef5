// `npm run standalone`: the container's web process without a container — Next's standalone output
// (NEXT_OUTPUT=standalone next build) started with plain `node .next/standalone/server.js`, then checked
// with real traffic: health, the metrics guard and counters, a signed webhook, a config-API call with an
// API token, a span at an OTLP receiver on 127.0.0.1, and its whole log free of the run's secrets,
// phone numbers and e-mails. Uses DATABASE_URL, or this checkout's embedded cluster when unset.
// `--build` rebuilds even when a standalone output exists. Exits non-zero on the first failed check.
import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { complain } from "./cli-output";
import { prepareEnv, ROOT } from "./local-env";
import { NEXT_BIN } from "./next-app";

const SERVER = join(ROOT, ".next/standalone/server.js");

function check(ok: unknown, what: string) {
  if (!ok) throw new Error(`standalone check failed: ${what}`);
  process.stdout.write(`ok  ${what}\n`);
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function main() {
  const { env, stopDatabase } = await prepareEnv({ generateSecrets: true });
  try {
    if (process.argv.includes("--build") || !existsSync(SERVER)) {
      process.stdout.write("building the standalone output (NEXT_OUTPUT=standalone next build)…\n");
      const build = spawnSync(NEXT_BIN, ["build"], { cwd: ROOT, stdio: "inherit", env: { ...process.env, NEXT_OUTPUT: "standalone", NODE_ENV: "production" } });
      if (build.status !== 0) throw new Error(`next build exited with ${build.status}`);
    }
    // Next leaves the static assets (and public/) for the deployment to copy beside the server.
    cpSync(join(ROOT, ".next/static"), join(ROOT, ".next/standalone/.next/static"), { recursive: true });
    if (existsSync(join(ROOT, "public"))) cpSync(join(ROOT, "public"), join(ROOT, ".next/standalone/public"), { recursive: true });

    const { prepareDatabase } = await import("../lib/db/prepare");
    await prepareDatabase(env.DATABASE_URL, { migrate: true });
    const { createProject } = await import("../lib/projects/create-project");
    const project = await createProject({ name: "Standalone check", timezone: "Europe/Kyiv", defaultCountry: "UA" }, { actor: "standalone-check" });
    const { startOtlpReceiver } = await import("../lib/testing/otlp-receiver");
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

      const { signPayload } = await import("../lib/events/signature");
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
  } finally {
    const { disconnectDb } = await import("../lib/db/client");
    await disconnectDb().catch(() => undefined);
    await stopDatabase();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    complain(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
