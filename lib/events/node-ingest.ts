// The events webhook behind a bare node:http server, running the very same ingestEvent as the Next.js
// route: the benchmark's floor for ingest, and the app processes of the multi-process tests.
import { createServer, type Server } from "node:http";
import { errorResponse } from "../errors";
import { ingestEvent } from "./ingest";
import { log } from "../observability/logger";

export function ingestServer(): Server {
  return createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const projectKey = /^\/api\/webhooks\/([^/]+)\/events$/.exec(request.url ?? "")?.[1];
    let status: number;
    let body: string;
    try {
      if (!projectKey || request.method !== "POST") throw Object.assign(new Error("not found"), { status: 404 });
      const { created, answer } = await ingestEvent({
        projectKey,
        rawBody: Buffer.concat(chunks).toString("utf8"),
        timestamp: (request.headers["x-callbridge-timestamp"] as string | undefined) ?? null,
        signature: (request.headers["x-callbridge-signature"] as string | undefined) ?? null,
      });
      status = created ? 202 : 200;
      body = JSON.stringify(answer);
    } catch (error) {
      const answer = errorResponse(error);
      status = answer.status;
      body = await answer.text();
    }
    response.writeHead(status, { "content-type": "application/json" }).end(body);
  });
}

/** Listens on a free loopback port and prints "listening <port>" for the parent process. */
export function listenAndAnnounce(server: Server) {
  server.listen(0, "127.0.0.1", () => {
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : 0;
    // The parent reads "listening <port>" from this line (lib/testing/processes.ts).
    log("ingest").info({ port }, `listening ${port}`);
  });
}
