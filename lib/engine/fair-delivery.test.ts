// Fair delivery across projects in one process: a project whose CRM answers slowly, with a backlog far
// larger than the process's lanes, must not keep another project's newer events waiting until its whole
// backlog has been taken (jobs are fetched oldest first, so without a per-project share it would).
// Real worker (4 lanes), real Zoho sandboxes over HTTP, real PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openFreshDatabase } from "@/testing/fresh-database";

// Its own database: the worker this file starts must take no other file's jobs.
await openFreshDatabase("fair_delivery");

const { db } = await import("@/lib/db/client");
const { startDeliveryWorker } = await import("./worker");
const { setUp } = await import("@/testing/delivery-env");

const BACKLOG = 40;
const CLIENTS = 20;
const HEALTHY_EVENTS = 5;

const deliveredAt = (projectId: string) =>
  db().event.findMany({ where: { projectId, status: "delivered" }, select: { deliveredAt: true, clientKey: true, occurredAt: true } });

describe("a slow project's backlog beside a healthy project, one process", () => {
  let slow: Awaited<ReturnType<typeof setUp>>;
  let healthy: Awaited<ReturnType<typeof setUp>>;
  beforeAll(async () => {
    slow = await setUp("zoho", "fair-slow");
    healthy = await setUp("zoho", "fair-healthy");
    await slow.sandbox.control({ latencyMs: 400 });
  });
  afterAll(async () => {
    await slow.sandbox.server.close();
    await healthy.sandbox.server.close();
  });

  it("delivers the healthy project's events while most of the backlog still waits, and the backlog drains", { timeout: 180_000 }, async () => {
    const start = Date.now() - 3_600_000;
    for (let index = 0; index < BACKLOG; index++) {
      await slow.call(`+38050${String(2_000_000 + (index % CLIENTS) * 7).padStart(7, "0")}`, { startedAt: new Date(start + index * 1_000).toISOString(), recordingUrl: undefined });
    }
    // The slow project's jobs hold the lanes before the healthy project's events arrive.
    await startDeliveryWorker(4);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    for (let index = 0; index < HEALTHY_EVENTS; index++) await healthy.call(`+38063${String(3_000_000 + index * 11).padStart(7, "0")}`, { recordingUrl: undefined });

    const deadline = Date.now() + 150_000;
    while ((await db().event.count({ where: { projectId: healthy.project.id, status: "delivered" } })) < HEALTHY_EVENTS && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const healthyDone = await deliveredAt(healthy.project.id);
    expect(healthyDone).toHaveLength(HEALTHY_EVENTS);
    const lastHealthy = Math.max(...healthyDone.map((event) => event.deliveredAt!.getTime()));
    // When the healthy project's last event reached its CRM, most of the slow backlog was still waiting:
    // oldest-first with no share, all of it but the last lanes' worth would have gone first.
    const slowBefore = (await deliveredAt(slow.project.id)).filter((event) => event.deliveredAt!.getTime() <= lastHealthy).length;
    expect(slowBefore).toBeLessThan(BACKLOG / 2);

    // The neighbour still drains, each client's events one after another in the order they happened.
    while ((await db().event.count({ where: { projectId: slow.project.id, status: "delivered" } })) < BACKLOG && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const slowDone = await deliveredAt(slow.project.id);
    expect(slowDone).toHaveLength(BACKLOG);
    const byClient = new Map<string, typeof slowDone>();
    for (const event of slowDone) byClient.set(event.clientKey!, [...(byClient.get(event.clientKey!) ?? []), event]);
    expect(byClient.size).toBe(CLIENTS);
    for (const list of byClient.values()) {
      const times = [...list].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime()).map((event) => event.deliveredAt!.getTime());
      expect(times).toEqual([...times].sort((a, b) => a - b));
    }
  });
});
