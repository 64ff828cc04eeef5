// Fair delivery in a drain (cron `deliver`, the config API's deliveries/run): its 16 lanes are shared
// among projects as a worker's are. Oldest first with no share, a slow project's backlog would take all
// 16 (its Zoho edition allows 20 calls at once) and a newer project's events would wait for its slow jobs.
// runDeliveries in this process, real Zoho sandboxes over HTTP, real PostgreSQL; no worker runs here.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openFreshDatabase } from "@/testing/fresh-database";

// Its own database: no other file's worker may take these jobs.
await openFreshDatabase("fair_drain");

const { db } = await import("@/lib/db/client");
const { runDeliveries } = await import("./drain");
const { setUp } = await import("@/testing/delivery-env");

const BACKLOG = 40;
const CLIENTS = 20;
const HEALTHY_EVENTS = 5;
const DRAIN_LANES = 16;

const delivered = (projectId: string) => db().event.findMany({ where: { projectId, status: "delivered" }, select: { deliveredAt: true } });

describe("a drain with a slow project's backlog and a healthy project's events", () => {
  let slow: Awaited<ReturnType<typeof setUp>>;
  let healthy: Awaited<ReturnType<typeof setUp>>;
  beforeAll(async () => {
    slow = await setUp("zoho", "drain-slow");
    healthy = await setUp("zoho", "drain-healthy");
    await slow.sandbox.control({ latencyMs: 400 });
  });
  afterAll(async () => {
    await slow.sandbox.server.close();
    await healthy.sandbox.server.close();
  });

  it("gives the healthy project a lane at once, and still drains the backlog", { timeout: 180_000 }, async () => {
    const { concurrency } = await db().integration.findUniqueOrThrow({ where: { projectId: slow.project.id }, select: { concurrency: true } });
    // Else the account's own limit, not the shares, would leave lanes to the healthy project.
    expect(concurrency).toBeGreaterThanOrEqual(DRAIN_LANES);
    const start = Date.now() - 3_600_000;
    for (let index = 0; index < BACKLOG; index++) {
      await slow.call(`+38050${String(4_000_000 + (index % CLIENTS) * 7).padStart(7, "0")}`, { startedAt: new Date(start + index * 1_000).toISOString(), recordingUrl: undefined });
    }
    for (let index = 0; index < HEALTHY_EVENTS; index++) await healthy.call(`+38063${String(5_000_000 + index * 11).padStart(7, "0")}`, { recordingUrl: undefined });

    const counts = await runDeliveries({ deadlineMs: 150_000 });
    expect(counts.delivered).toBe(BACKLOG + HEALTHY_EVENTS);
    const healthyDone = await delivered(healthy.project.id);
    expect(healthyDone).toHaveLength(HEALTHY_EVENTS);
    const lastHealthy = Math.max(...healthyDone.map((event) => event.deliveredAt!.getTime()));
    // Each slow job takes several 400 ms calls; the healthy project's five events go through its own lane
    // meanwhile. Without shares, all 16 lanes would first hold slow jobs, delivered before any healthy one.
    const slowDone = await delivered(slow.project.id);
    expect(slowDone).toHaveLength(BACKLOG);
    expect(slowDone.filter((event) => event.deliveredAt!.getTime() <= lastHealthy).length).toBeLessThan(DRAIN_LANES / 2);
  });
});
