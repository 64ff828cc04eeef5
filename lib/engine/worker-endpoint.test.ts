// The worker's /health follows its job engine: down before it starts and after it stops, up while it
// runs against a database that answers; /metrics keeps to METRICS_TOKEN like the web's.
import type { AddressInfo, Server } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { jobs, stopJobs } from "@/lib/jobs/boss";
import { startWorkerEndpoint } from "./worker-endpoint";

let server: Server | null = null;
afterAll(() => server?.close());

describe("the worker endpoint", () => {
  it("is healthy only while the job engine is started", async () => {
    delete process.env.METRICS_TOKEN;
    server = await startWorkerEndpoint(0);
    const base = `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
    expect((await fetch(`${base}/health`)).status).toBe(503);
    await jobs();
    expect((await fetch(`${base}/health`)).status).toBe(200);
    expect((await fetch(`${base}/metrics`)).status).toBe(404);
    process.env.METRICS_TOKEN = "worker-endpoint-token";
    expect((await fetch(`${base}/metrics`)).status).toBe(401);
    const scraped = await fetch(`${base}/metrics`, { headers: { authorization: "Bearer worker-endpoint-token" } });
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toMatch(/^callbridge_queue_depth \d+$/m);
    await stopJobs(2_000);
    expect((await fetch(`${base}/health`)).status).toBe(503);
    expect((await fetch(`${base}/other`)).status).toBe(404);
  });
});
