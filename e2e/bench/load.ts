// A closed-loop HTTP load generator: `clients` connections, each sending its next request as soon as the
// previous answer arrives, for a fixed time after a warm-up. Latency is measured per request.
import { Agent, request } from "node:http";
import { percentile } from "./support";

export interface LoadRequest {
  body: string;
  headers: Record<string, string>;
}

export interface LoadResult {
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
  /** Answers other than the expected status. */
  unexpected: number;
}

function post(agent: Agent, url: URL, next: LoadRequest): Promise<number> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      { agent, host: url.hostname, port: url.port, path: url.pathname, method: "POST", headers: { "content-type": "application/json", "content-length": Buffer.byteLength(next.body), ...next.headers } },
      (response) => {
        response.resume();
        response.on("end", () => resolve(response.statusCode ?? 0));
      },
    );
    outgoing.on("error", reject);
    outgoing.end(next.body);
  });
}

export async function runLoad(options: { url: string; clients: number; warmupMs: number; durationMs: number; expectStatus: number | number[]; next: () => LoadRequest }): Promise<LoadResult> {
  const expected = ([] as number[]).concat(options.expectStatus);
  const url = new URL(options.url);
  const agent = new Agent({ keepAlive: true, maxSockets: options.clients });
  const latencies: number[] = [];
  let unexpected = 0;
  const measureFrom = performance.now() + options.warmupMs;
  const until = measureFrom + options.durationMs;
  const client = async () => {
    while (performance.now() < until) {
      const start = performance.now();
      const status = await post(agent, url, options.next());
      if (start < measureFrom) continue;
      latencies.push(performance.now() - start);
      if (!expected.includes(status)) unexpected++;
    }
  };
  await Promise.all(Array.from({ length: options.clients }, client));
  agent.destroy();
  return { requests: latencies.length, perSecond: latencies.length / (options.durationMs / 1000), p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: Math.max(...latencies), unexpected };
}
