// GET /api/metrics as Next hands it a request: off without METRICS_TOKEN, bearer-guarded, and the same
// counters whichever copy of the metrics module counted them (Next bundles each route separately).
import { afterEach, describe, expect, it, vi } from "vitest";
import { GET } from "@/app/api/metrics/route";
import { insertTestEvent, makeProject } from "@/testing/factories";
import { db } from "@/lib/db/client";

const scrape = (token?: string) => GET(new Request("http://localhost/api/metrics", { headers: token ? { authorization: `Bearer ${token}` } : {} }));
const received = (text: string) =>
  text
    .split("\n")
    .filter((line) => line.startsWith('callbridge_events_received_total{type="form",status="queued"}'))
    .reduce((sum, line) => sum + Number(line.split(" ").at(-1)), 0);

afterEach(() => {
  delete process.env.METRICS_TOKEN;
});

describe("GET /api/metrics", () => {
  it("is not there while METRICS_TOKEN is unset", async () => {
    expect((await scrape("anything")).status).toBe(404);
  });

  it("answers Prometheus text to the token's holder only, with counters that move with stored events", async () => {
    process.env.METRICS_TOKEN = "scrape-token-123";
    expect((await scrape()).status).toBe(401);
    expect((await scrape("scrape-token-12")).status).toBe(401);
    const before = await scrape("scrape-token-123");
    expect(before.status).toBe(200);
    expect(before.headers.get("content-type")).toContain("text/plain");
    const start = received(await before.text());

    const { projectKey } = await makeProject("Metrics route");
    const project = await db().project.findUniqueOrThrow({ where: { key: projectKey } });
    await insertTestEvent(project.id, { id: `m-${Date.now()}`, type: "form", submittedAt: new Date().toISOString(), formName: "Contact us", fields: { tel: "+380671112233" } });
    const text = await (await scrape("scrape-token-123")).text();
    expect(received(text)).toBe(start + 1);
    expect(text).toMatch(/^callbridge_queue_depth \d+$/m);
    expect(text).toContain("callbridge_process_cpu_user_seconds_total");

    // A second copy of the module (another bundle) counts into the same registry.
    vi.resetModules();
    const again = await import("@/lib/observability/metrics");
    again.metrics().eventsReceived.inc({ type: "form", status: "queued" });
    expect(received(await (await scrape("scrape-token-123")).text())).toBe(start + 2);
  });
});
