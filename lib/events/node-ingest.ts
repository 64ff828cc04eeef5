// The events webhook behind a bare node:http server, running the very same ingestEvent as the Next.js
// route: the benchmark's floor for ingest, and the app processes of the multi-process tests.
import { createServer, type Server } from "node:http";
import { errorResponse } from "../errors";
import { ingestEvent } from "./ingest";
import { log } from "../observability/logger";
import { observeRequest, requestIdOf } from "../observability/request";

export function ingestServer(): Server {
  return createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const projectKey = /^\/api\/webhooks\/([^/]+)\/events$/.exec(request.url ?? "")?.[1];
    // Observed like the Next route (lib/api/handler.ts): request id, span, log line, counter.
    const route = `${request.method} ${projectKey ? "/api/webhooks/{projectKey}/events" : "(unknown)"}`;
    const answered = await observeRequest(route, { requestId: requestIdOf(request.headers["x-request-id"] as string | undefined), projectKey }, async () => {
      try {
        if (!projectKey || request.method !== "POST") throw Object.assign(new Error("not found"), { status: 404 });
        const { created, answer } = await ingestEvent({
          projectKey,
          rawBody: Buffer.concat(chunks).toString("utf8"),
          timestamp: (request.headers["x-callbridge-timestamp"] as string | undefined) ?? null,
          signature: (request.headers["x-callbridge-signature"] as string | undefined) ?? null,
        });
        return Response.json(answer, { status: created ? 202 : 200 });
      } catch (error) {
        return errorResponse(error);
      }
    });
    const retryAfter = answered.headers.get("retry-after");
    response
      .writeHead(answered.status, { "content-type": "application/json", "x-request-id": answered.headers.get("x-request-id") ?? "", ...(retryAfter ? { "retry-after": retryAfter } : {}) })
      .end(await answered.text());
  });
}

/** Listens on a free loopback port and prints "listening <port>" for the parent process. */
export function listenAndAnnounce(server: Server) {
  server.listen(0, "127.0.0.1", () => {
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : 0;
    // The parent reads "listening <port>" from this plain line (testing/processes.ts), whatever LOG_LEVEL says.
    process.stdout.write(`listening ${port}\n`);
    log("ingest").info({ port }, "ingest server listening");
  });
}
