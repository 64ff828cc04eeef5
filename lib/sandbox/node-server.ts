// The sandbox handlers on a bare node:http server: real HTTP for tests and benchmarks without a Next build.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { handleSandbox } from "./handler";
import { log } from "@/lib/observability/logger";

export interface SandboxServer {
  url: string;
  /** "<status> <METHOD> <path>" of every request, when started with `record` (benchmarks count them). */
  requests: string[];
  close(): Promise<void>;
}

export async function startSandboxServer(port = 0, options: { record?: boolean } = {}): Promise<SandboxServer> {
  const requests: string[] = [];
  const server = http.createServer(async (req, res) => {
    try {
      const origin = `http://${req.headers.host}`;
      const url = new URL(req.url ?? "/", origin);
      const [, sandbox, crm, ...rest] = url.pathname.split("/");
      if (sandbox !== "sandbox" || (crm !== "zoho" && crm !== "pipedrive")) {
        res.writeHead(404).end();
        return;
      }
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const body = chunks.length ? Buffer.concat(chunks) : undefined;
      const request = new Request(url, { method: req.method, headers: req.headers as Record<string, string>, body: req.method === "GET" || req.method === "HEAD" ? undefined : body });
      const response = await handleSandbox(crm, request, rest.map(decodeURIComponent));
      const headers: Record<string, string> = {};
      response.headers.forEach((value, key) => (headers[key] = value));
      if (options.record) requests.push(`${response.status} ${req.method} ${url.pathname}`);
      res.writeHead(response.status, headers);
      res.end(Buffer.from(await response.arrayBuffer()));
    } catch (error) {
      log("sandbox").error({ err: error }, "sandbox failure");
      res.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify({ error: "sandbox failure" }));
    }
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const { port: actual } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${actual}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
