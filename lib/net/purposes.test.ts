// Egress per purpose, over real sockets on loopback: a host opened for CRM connections is not open to
// recording links (which any signed event names), and a CRM's redirect to another host is not followed
// with the connection's credentials.
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpClient } from "@/lib/connectors/http-client";
import { PipedriveConnector } from "@/lib/connectors/pipedrive/connector";
import { forgetEnv, parseEnv } from "@/lib/env";
import { crmErrorKind } from "@/lib/errors";
import { openSandbox, pipedriveCredentials, type SandboxHandle } from "@/testing/sandbox";
import { startSandboxServer, type SandboxServer } from "@/lib/sandbox/node-server";
import { egressGet } from "./egress";
import { isOwnOrListedOrigin } from "./own-origins";
import { egressRules } from "./purposes";

const servers: Server[] = [];
type Answer = { status: number; headers?: Record<string, string>; body?: string };
async function serve(handler: (path: string, headers: IncomingHttpHeaders) => Answer) {
  const seen: Array<{ path: string; headers: IncomingHttpHeaders }> = [];
  let connections = 0;
  const server = createServer((request, response) => {
    seen.push({ path: request.url!, headers: request.headers });
    const answer = handler(request.url!, request.headers);
    response.writeHead(answer.status, answer.headers);
    response.end(answer.body ?? "");
  });
  server.on("connection", () => connections++);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  servers.push(server);
  const port = (server.address() as AddressInfo).port;
  return { port, url: `http://127.0.0.1:${port}`, seen, connections: () => connections };
}

let crmHost: Awaited<ReturnType<typeof serve>>;
let recordings: Awaited<ReturnType<typeof serve>>;
let other: SandboxServer;
let sandbox: SandboxHandle;
const saved = { crm: process.env.EGRESS_ALLOW_CRM, recordings: process.env.EGRESS_ALLOW_RECORDINGS };

beforeAll(async () => {
  crmHost = await serve(() => ({ status: 200, headers: { "content-type": "audio/mpeg" }, body: "ID3 from the CRM host" }));
  recordings = await serve(() => ({ status: 200, headers: { "content-type": "audio/mpeg" }, body: "ID3 sample" }));
  // The sandbox a redirect would hand the token to: it records every request it gets.
  other = await startSandboxServer(0, { record: true });
  sandbox = await openSandbox("pipedrive", "redirect");
  // Each list opens its own port only (the tests' default opens every loopback port to both).
  process.env.EGRESS_ALLOW_CRM = `127.0.0.1:${crmHost.port}`;
  process.env.EGRESS_ALLOW_RECORDINGS = `127.0.0.1:${recordings.port}`;
  forgetEnv();
});
afterAll(async () => {
  Object.assign(process.env, { EGRESS_ALLOW_CRM: saved.crm, EGRESS_ALLOW_RECORDINGS: saved.recordings });
  forgetEnv();
  await Promise.all([other.close(), sandbox.server.close(), ...servers.map((server) => new Promise((resolve) => server.close(resolve)))]);
});

describe("allow-lists per purpose", () => {
  it("refuses a recording link on a host listed for CRM connections only, before connecting", async () => {
    const before = crmHost.connections();
    await expect(egressGet(`${crmHost.url}/call.mp3`, { maxBytes: 1024, timeoutMs: 5_000 })).rejects.toMatchObject({
      code: "EGRESS_REFUSED",
      message: `plain http is allowed only for hosts listed in EGRESS_ALLOW_RECORDINGS with their port (127.0.0.1:${crmHost.port})`,
    });
    // Through a delivery's own path too: the recording fails as refused, and the host saw no connection.
    const connector = new PipedriveConnector({ crm: "pipedrive", auth: "api_token", apiBase: crmHost.url, apiToken: "x".repeat(40) });
    await expect(connector.attachRecording("1", { kind: "link", url: `${crmHost.url}/call.mp3` })).rejects.toMatchObject({ kind: "permanent", message: expect.stringMatching(/^recording URL refused: .*EGRESS_ALLOW_RECORDINGS/) });
    expect(crmHost.connections()).toBe(before);
    // The recordings host itself is fetched.
    expect(Buffer.from((await egressGet(`${recordings.url}/call.mp3`, { maxBytes: 1024, timeoutMs: 5_000 })).body).toString()).toBe("ID3 sample");
  });

  it("opens a CRM host for its listed port only, and not a recordings host for CRM credentials", () => {
    expect(isOwnOrListedOrigin(crmHost.url, "/sandbox/pipedrive")).toBe(true);
    expect(isOwnOrListedOrigin(`http://127.0.0.1:${crmHost.port + 1}`, "/sandbox/pipedrive")).toBe(false);
    expect(isOwnOrListedOrigin(recordings.url, "/sandbox/pipedrive")).toBe(false);
  });

  it("needs a port on every entry of the new lists, and keeps EGRESS_ALLOW as an alias for both", () => {
    const valid = { DATABASE_URL: process.env.DATABASE_URL, NEXTAUTH_SECRET: "s".repeat(32), ENCRYPTION_KEY: Buffer.alloc(32).toString("base64"), CRON_SECRET: "c".repeat(32) };
    expect(() => parseEnv({ ...valid, EGRESS_ALLOW_RECORDINGS: "127.0.0.1" })).toThrow(/EGRESS_ALLOW_RECORDINGS must be .*"127\.0\.0\.1" needs its port, e\.g\. 127\.0\.0\.1:443/);
    expect(() => parseEnv({ ...valid, EGRESS_ALLOW_CRM: "10.0.0.0/8:443,127.0.0.1:1024-65535,[::1]:8443" })).not.toThrow();
    const legacy = parseEnv({ ...valid, EGRESS_ALLOW: "pbx.internal", EGRESS_ALLOW_CRM: undefined, EGRESS_ALLOW_RECORDINGS: undefined });
    for (const purpose of ["crm", "recordings"] as const) expect(egressRules(purpose, legacy).map((rule) => rule.text)).toEqual(["pbx.internal"]);
    expect(egressRules("crm", { ...legacy, EGRESS_ALLOW_CRM: "crm.internal:443" }).map((rule) => rule.text)).toEqual(["crm.internal:443"]);
  });
});

describe("CRM redirects", () => {
  it("does not follow a redirect to another host with the token: the other sandbox gets no request", async () => {
    const { apiToken } = (await pipedriveCredentials(sandbox)) as { apiToken: string };
    const moved = await serve((path) => ({ status: 302, headers: { location: `${other.url}/sandbox/pipedrive${path}` } }));
    process.env.EGRESS_ALLOW_CRM = `127.0.0.1:${crmHost.port},127.0.0.1:${moved.port},127.0.0.1:${new URL(other.url).port}`;
    forgetEnv();
    const connector = new PipedriveConnector({ crm: "pipedrive", auth: "api_token", apiBase: moved.url, apiToken });
    const error = await connector.testConnection().catch((caught: unknown) => caught);
    expect(crmErrorKind(error)).toBe("retryable");
    expect((error as Error).message).toMatch(new RegExp(`the CRM redirected to another host \\(127\\.0\\.0\\.1:${new URL(other.url).port}\\); not followed`));
    expect(moved.seen.length).toBeGreaterThan(0);
    expect(other.requests).toEqual([]);
  });

  it("follows a redirect within the CRM's own origin, keeping the method and body of a 307", async () => {
    const host = await serve((path): Answer => (path === "/old" ? { status: 307, headers: { location: "/new" } } : { status: 200, headers: { "content-type": "application/json" }, body: JSON.stringify({ at: path }) }));
    const client = new HttpClient({ accountKey: "redirect-test", timeoutMs: 5_000, concurrency: 1, fetch });
    const response = await client.send({ method: "POST", url: `${host.url}/old`, json: { a: 1 }, headers: { "x-api-token": "secret" } });
    expect(response).toMatchObject({ status: 200, body: { at: "/new" } });
    expect(host.seen.map((request) => [request.path, request.headers["x-api-token"]])).toEqual([
      ["/old", "secret"],
      ["/new", "secret"],
    ]);
  });
});
