// A loopback proxy in front of a sandbox CRM that loses answers: the CRM has done the write, the client
// never hears of it (the connection is cut). What a flaky network or a proxy timeout does to a real CRM.
import { createServer, request as forward, type Server } from "node:http";

export interface LossyProxy {
  url: string;
  /** Answers cut so far. */
  dropped: () => number;
  close: () => Promise<void>;
}

/** Every `every`-th successful answer to a write (POST/PUT/PATCH) is cut after the CRM handled it. */
export async function startLossyProxy(upstream: string, every = 5): Promise<LossyProxy> {
  const target = new URL(upstream);
  let writes = 0;
  let dropped = 0;
  const server: Server = createServer((incoming, outgoing) => {
    const isWrite = incoming.method !== "GET" && !incoming.url?.includes("/_control") && !incoming.url?.includes("/oauth");
    const upstreamRequest = forward({ host: target.hostname, port: target.port, path: incoming.url, method: incoming.method, headers: incoming.headers }, (answer) => {
      if (isWrite && (answer.statusCode ?? 500) < 300 && ++writes % every === 0) {
        dropped++;
        answer.resume();
        answer.on("end", () => outgoing.socket?.destroy());
        return;
      }
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
    });
    upstreamRequest.on("error", () => outgoing.socket?.destroy());
    incoming.pipe(upstreamRequest);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    dropped: () => dropped,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
