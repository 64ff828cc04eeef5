import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { makeProject } from "@/testing/factories";
import { sealCredentials } from "@/lib/connectors/sealed-credentials";
import { activateIntegration, deactivateIntegration, replayableCount } from "./activation";

const DAY = 24 * 60 * 60 * 1000;

async function inactiveProjectWithEvents() {
  const { projectKey } = await makeProject("Replay");
  const project = await db().project.findUniqueOrThrow({ where: { key: projectKey } });
  await db().integration.create({ data: { projectId: project.id, crm: "pipedrive", status: "inactive", credentialsEncrypted: sealCredentials({ crm: "pipedrive", auth: "api_token", apiBase: "http://127.0.0.1:9", apiToken: "x".repeat(40) }, project.id) } });
  const event = (externalId: string, status: "queued" | "failed" | "delivered" | "skipped", ageMs: number) =>
    db().event.create({ data: { projectId: project.id, externalId, type: "call", payload: {}, status, reason: status === "failed" ? "HTTP 503" : null, occurredAt: new Date(Date.now() - ageMs) } });
  await event("recent-queued", "queued", 60_000);
  await event("recent-failed", "failed", DAY);
  await event("old-queued", "queued", 4 * DAY);
  await event("delivered", "delivered", 60_000);
  await event("stop-listed", "skipped", 60_000);
  const statusOf = async (externalId: string) => (await db().event.findUniqueOrThrow({ where: { projectId_externalId: { projectId: project.id, externalId } } })).status;
  return { project: { id: project.id, key: project.key, timezone: project.timezone }, statusOf };
}

const who = { userId: null, actor: "test" };

describe("re-activation and replay (F12)", () => {
  it("counts what a replay would send: undelivered events of the last 3 days only", async () => {
    const { project } = await inactiveProjectWithEvents();
    expect(await replayableCount(project)).toBe(2);
  });

  it("with replay: the window's undelivered events are queued and due now, older ones skipped; others untouched", async () => {
    const { project, statusOf } = await inactiveProjectWithEvents();
    expect(await activateIntegration(project, { replay: true }, who)).toEqual({ status: "active", replay: { requested: true, events: 2, skipped: 1 } });
    expect([await statusOf("recent-queued"), await statusOf("recent-failed"), await statusOf("old-queued"), await statusOf("delivered"), await statusOf("stop-listed")]).toEqual([
      "queued",
      "queued",
      "skipped",
      "delivered",
      "skipped",
    ]);
  });

  it("without replay: every undelivered event is skipped, with the reason", async () => {
    const { project, statusOf } = await inactiveProjectWithEvents();
    expect((await activateIntegration(project, { replay: false }, who)).replay).toEqual({ requested: false, events: 0, skipped: 3 });
    expect(await statusOf("recent-queued")).toBe("skipped");
    const row = await db().event.findFirstOrThrow({ where: { projectId: project.id, externalId: "recent-queued" } });
    expect(row.reason).toMatch(/re-activated without replay/);
  });

  it("activating an active integration settles nothing; deactivating keeps events", async () => {
    const { project, statusOf } = await inactiveProjectWithEvents();
    await activateIntegration(project, { replay: true }, who);
    await deactivateIntegration(project, who);
    expect(await statusOf("recent-queued")).toBe("queued");
    await db().integration.update({ where: { projectId: project.id }, data: { status: "active" } });
    expect((await activateIntegration(project, { replay: false }, who)).replay).toEqual({ requested: false, events: 0, skipped: 0 });
    expect(await statusOf("recent-queued")).toBe("queued");
  });

  it("a replay's events queued again lose the parked reason; a later activation without replay ends its summary", async () => {
    const { replayProgress } = await import("@/lib/db/queries/replay");
    const { project } = await inactiveProjectWithEvents();
    await db().event.updateMany({ where: { projectId: project.id, status: "queued" }, data: { reason: "waiting: the integration is inactive", nextAttemptAt: null } });
    await activateIntegration(project, { replay: true }, who);
    const requeued = await db().event.findUniqueOrThrow({ where: { projectId_externalId: { projectId: project.id, externalId: "recent-queued" } } });
    expect(requeued).toMatchObject({ status: "queued", reason: null });
    expect(await replayProgress(project.id)).toMatchObject({ total: 2, waiting: 2, parked: 0, pending: 2 });

    // The integration goes off before the worker gets to them: the worker parks them, and the summary says they wait.
    await deactivateIntegration(project, who);
    await db().event.updateMany({ where: { projectId: project.id, status: "queued" }, data: { reason: "waiting: the integration is inactive", nextAttemptAt: null } });
    expect(await replayProgress(project.id)).toMatchObject({ total: 2, pending: 2, parked: 2 });

    // Activated again without replay: those are skipped, and the old replay's summary is gone.
    await activateIntegration(project, { replay: false }, who);
    expect(await replayProgress(project.id)).toBeNull();
  });
});
