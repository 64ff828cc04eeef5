// One app process for tests about several processes: the webhook's own ingest code behind node:http
// and the delivery worker, on the database DATABASE_URL names. Prints "listening <port>"; SIGTERM stops
// it gracefully (deliveries in flight finish), SIGKILL is a crash.
import { createServer } from "node:http";
import { errorResponse } from "../errors";
import { ingestEvent } from "../events/ingest";
import { startDeliveryWorker } from "../engine/worker";
import { stopOnSignals } from "../jobs/shutdown";

const server = createServer(async (request, response) => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const projectKey = /^\/api\/webhooks\/([^/]+)\/events$/.exec(request.url ?? "")?.[1];
  let status = 404;
  let body = JSON.stringify({ error: { code: "NOT_FOUND", message: "not found" } });
  try {
    if (projectKey && request.method === "POST") {
      const { created, answer } = await ingestEvent({
        projectKey,
        rawBody: Buffer.concat(chunks).toString("utf8"),
        timestamp: (request.headers["x-callbridge-timestamp"] as string | undefined) ?? null,
        signature: (request.headers["x-callbridge-signature"] as string | undefined) ?? null,
      });
      status = created ? 202 : 200;
      body = JSON.stringify(answer);
    }
  } catch (error) {
    const answer = errorResponse(error);
    status = answer.status;
    body = await answer.text();
  }
  response.writeHead(status, { "content-type": "application/json" }).end(body);
});

await startDeliveryWorker(Number(process.env.DELIVERY_CONCURRENCY ?? 16));
stopOnSignals("app");
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  console.log(`listening ${typeof address === "object" && address ? address.port : 0}`);
});
