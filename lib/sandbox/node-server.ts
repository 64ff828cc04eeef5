// The sandbox handlers on a bare node:http server: real HTTP for tests and benchmarks without a Next build.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { isSandboxCrm } from "./accounts";
import { handleSandbox } from "./handler";
import { log } from "@/lib/observability/logger";

export interface SandboxServer {
  url: string;
  /** "<status> <METHOD> <path>" of every request, when started with `record` (benchmarks count them). */
  requests: string[];
  close(): Promise<void>;
}

/** The request body as a web stream that holds at most a chunk; cancelling it discards the rest unread. */
function streamOf(req: http.IncomingMessage): ReadableStream<Uint8Array> {
  let open = true;
  const discard = () => {
    open = false;
    req.removeAllListeners("data");
    req.resume();
  };
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        req.on("data", (chunk: Buffer) => {
          controller.enqueue(new Uint8Array(chunk));
          if ((controller.desiredSize ?? 0) <= 0) req.pause();
        });
        req.once("end", () => open && controller.close());
        req.once("error", (error) => open && controller.error(error));
      },
      pull: () => void req.resume(),
      cancel: discard,
    },
    { highWaterMark: 1 },
  );
}

export async function startSandboxServer(port = 0, options: { record?: boolean } = {}): Promise<SandboxServer> {
  const requests: string[] = [];
  const server = http.createServer(async (req, res) => {
    try {
      const origin = `http://${req.headers.host}`;
      const url = new URL(req.url ?? "/", origin);
      const [, sandbox, crm, ...rest] = url.pathname.split("/");
      if (sandbox !== "sandbox" || !isSandboxCrm(crm)) {
        res.writeHead(404).end();
        return;
      }
      // Streamed, not buffered here: the handler reads bodies under its own limit (lib/sandbox/body-limit.ts).
      const hasBody = req.method !== "GET" && req.method !== "HEAD";
      const request = new Request(url, { method: req.method, headers: req.headers as Record<string, string>, body: hasBody ? streamOf(req) : undefined, duplex: "half" } as RequestInit);
      const response = await handleSandbox(crm, request, rest.map(decodeURIComponent));
      const headers: Record<string, string> = {};
      response.headers.forEach((value, key) => (headers[key] = value));
      if (options.record) requests.push(`${response.status} ${req.method} ${url.pathname}`);
      res.writeHead(response.status, headers);
      res.end(Buffer.from(await response.arrayBuffer()));
      // What the handler left unread (a refused body) is discarded, not buffered, so the client sees the answer.
      await request.body?.cancel().catch(() => undefined);
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
