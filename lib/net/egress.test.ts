// The egress policy with real sockets on loopback only: what it refuses is refused before any
// connection is opened (asserted by watching every socket connect of this process).
import { createServer, type Server } from "node:http";
import net, { type AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { PipedriveConnector } from "@/lib/connectors/pipedrive/connector";
import { PermanentError } from "@/lib/errors";
import { parseEgressAllow } from "@/lib/env/egress-allow";
import { egressGet, EgressRefused } from "./egress";

const servers: Server[] = [];
const connections = new Map<Server, number>();

async function serve(handler: Parameters<typeof createServer>[1]): Promise<{ port: number; server: Server }> {
  const server = createServer(handler);
  connections.set(server, 0);
  server.on("connection", () => connections.set(server, connections.get(server)! + 1));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  servers.push(server);
  return { port: (server.address() as AddressInfo).port, server };
}

let recording: { port: number; server: Server };
let redirecting: { port: number; server: Server };
let internal: { port: number; server: Server };
let streamed = 0;

beforeAll(async () => {
  internal = await serve((_request, response) => response.end("secret of an internal service"));
  recording = await serve((request, response) => {
    if (request.url === "/big-declared") {
      response.writeHead(200, { "content-length": String(60 * 1024 * 1024) });
      return response.end();
    }
    if (request.url === "/big-chunked") {
      // 30 MB in 64 KiB chunks, without a length: only the reader's cap stops it.
      const chunk = Buffer.alloc(64 * 1024, 1);
      let sent = 0;
      const more = () => {
        while (sent < 30 * 1024 * 1024) {
          sent += chunk.length;
          streamed = sent;
          if (!response.write(chunk)) return void response.once("drain", more);
        }
        response.end();
      };
      response.on("error", () => undefined);
      return more();
    }
    response.writeHead(200, { "content-type": "audio/mpeg" });
    response.end("ID3 sample");
  });
  redirecting = await serve((_request, response) => {
    response.writeHead(302, { location: `http://127.0.0.1:${internal.port}/secret` });
    response.end();
  });
});
afterAll(() => Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve)))));
afterEach(() => vi.restoreAllMocks());

/** Only the recording and redirecting servers are listed; the internal one is not. */
const allow = () => parseEgressAllow(`127.0.0.1:${recording.port},127.0.0.1:${redirecting.port}`);
const get = (url: string, maxBytes = 1024 * 1024) => egressGet(url, { maxBytes, timeoutMs: 10_000, allow: allow() });

describe("egress policy", () => {
  it.each([
    ["cloud metadata", "http://169.254.169.254/latest/meta-data/", /http is allowed only/],
    ["cloud metadata over https", "https://169.254.169.254/latest/meta-data/", /169\.254\.169\.254.*private, loopback, link-local/],
    ["a private address", "https://10.0.0.7/recording.mp3", /10\.0\.0\.7.*private/],
    ["loopback not listed", "https://127.0.0.1:1/x.mp3", /127\.0\.0\.1.*loopback/],
    ["IPv4-mapped loopback", "https://[::ffff:127.0.0.1]/x.mp3", /private, loopback/],
    ["IPv6 metadata", "https://[fd00:ec2::254]/", /private, loopback/],
    ["a name resolving to loopback", "https://localhost/x.mp3", /localhost resolves to/],
    ["plain http to a public host", "http://recordings.example.com/x.mp3", /plain http is allowed only for hosts listed/],
    ["another scheme", "file:///etc/passwd", /file: URLs are not fetched/],
    ["credentials in the URL", "https://user:pass@recordings.example.com/x.mp3", /credentials/],
  ])("refuses %s before any connection", async (_name, url, reason) => {
    const connect = vi.spyOn(net.Socket.prototype, "connect");
    const error = await get(url).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(EgressRefused);
    expect((error as Error).message).toMatch(reason);
    expect(connect).not.toHaveBeenCalled();
  });

  it("fetches from a listed loopback host (and the socket watch sees that connection)", async () => {
    const connect = vi.spyOn(net.Socket.prototype, "connect");
    const response = await get(`http://127.0.0.1:${recording.port}/call.mp3`);
    expect(connect).toHaveBeenCalled();
    expect(response).toMatchObject({ status: 200, contentType: "audio/mpeg" });
    expect(Buffer.from(response.body).toString()).toBe("ID3 sample");
  });

  it("checks every redirect: a listed host redirecting to an unlisted loopback port is refused, and that port is never connected to", async () => {
    const before = connections.get(internal.server)!;
    await expect(get(`http://127.0.0.1:${redirecting.port}/call.mp3`)).rejects.toThrow(/plain http is allowed only for hosts listed in EGRESS_ALLOW_RECORDINGS with their port \(127\.0\.0\.1:\d+\)/);
    expect(connections.get(internal.server)).toBe(before);
  });

  it("refuses a declared length over the cap without reading it, and cuts a chunked body off at the cap", async () => {
    await expect(get(`http://127.0.0.1:${recording.port}/big-declared`)).rejects.toThrow(/62914560 bytes, more than the limit of 1048576/);
    streamed = 0;
    await expect(get(`http://127.0.0.1:${recording.port}/big-chunked`)).rejects.toThrow(/larger than the limit of 1048576 bytes/);
    // The server stops when the socket closes: far from the 30 MB it meant to send.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(streamed).toBeLessThan(8 * 1024 * 1024);
  });

  it("makes a refused recording link a permanent failure of the Pipedrive delivery, before any connection", async () => {
    const connector = new PipedriveConnector({ crm: "pipedrive", auth: "api_token", apiBase: `http://127.0.0.1:${recording.port}`, apiToken: "x".repeat(40) });
    const connect = vi.spyOn(net.Socket.prototype, "connect");
    const error = await connector.attachRecording("1", { kind: "link", url: "http://169.254.169.254/latest/meta-data/iam" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PermanentError);
    expect((error as Error).message).toMatch(/^recording URL refused: /);
    expect(connect).not.toHaveBeenCalled();
  });
});
