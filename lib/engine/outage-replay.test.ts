// F12 under load: the sandbox revokes the token while the worker is delivering a 500-event mix. The
// integration turns broken and nothing is lost; after re-connecting, activating with the replay checkbox
// reaches the same final state as an undisturbed run, and activating without it writes nothing more.
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { replayProgress, requeueEvent } from "@/lib/db/queries/replay";
import { connectWithCredentials } from "@/lib/integrations/connect";
import { activateIntegration } from "@/lib/replay/activation";
import { checkFinalState, deliverAll, sandboxCredentials, setUpBulkProject, type BulkProject, type Crm } from "@/testing/bulk";
import { insertEventMix, type MixSummary } from "@/testing/event-mix";
import { runDeliveries } from "./drain";

const EVENTS = Number(process.env.BULK_EVENTS ?? 500);
const WHO = { userId: null, actor: "test" };

/** Delivers until `before` events are through, revokes the token while the worker is still busy, and waits for it to stop. */
async function revokeMidRun(env: BulkProject, before: number) {
  const delivering = deliverAll(env.project.id);
  const delivered = () => db().event.count({ where: { projectId: env.project.id, status: "delivered" } });
  while ((await delivered()) < before) await new Promise((resolve) => setTimeout(resolve, 50));
  await env.sandbox.control({ revokeTokens: true });
  await delivering;
  const integration = await db().integration.findUniqueOrThrow({ where: { projectId: env.project.id } });
  expect(integration.status).toBe("broken");
  expect(integration.lastError).toMatch(/refused|token|unauthor/i);
}

async function sandboxSnapshot(env: BulkProject) {
  const [records, files] = await Promise.all([db().sandboxRecord.count({ where: { accountId: env.accountId } }), db().sandboxFile.count({ where: { accountId: env.accountId } })]);
  return { records, files };
}

/** Re-authorizing leaves the integration off until the admin decides about the stored events. */
async function reconnect(crm: Crm, env: BulkProject) {
  await connectWithCredentials(env.project, await sandboxCredentials(crm, env.sandbox), WHO);
  expect((await db().integration.findUniqueOrThrow({ where: { projectId: env.project.id } })).status).toBe("inactive");
}

const merged = (a: MixSummary, b: MixSummary): MixSummary => ({ total: a.total + b.total, calls: a.calls + b.calls, callers: new Set([...a.callers, ...b.callers]) });

describe.each(["pipedrive", "zoho"] as const)("%s: token revoked mid-run", (crm) => {
  const envs: BulkProject[] = [];
  afterAll(() => Promise.all(envs.map((env) => env.sandbox.server.close())));

  it("turns the integration broken, loses nothing, and a replay reaches the same final state", { timeout: 900_000 }, async () => {
    const env = await setUpBulkProject(crm, "outage");
    envs.push(env);
    const recordings = `${env.sandbox.server.url}/sandbox/${crm}/recordings`;
    const mix = await insertEventMix(env.project.id, EVENTS, { seed: 13, recordingBase: recordings, newCallers: 60 });
    await revokeMidRun(env, Math.floor(EVENTS * 0.3));
    // Events keep arriving during the outage; every one is stored, none is given up.
    const outage = await insertEventMix(env.project.id, 50, { seed: 14, recordingBase: recordings, newCallers: 10 });
    const waiting = await db().event.count({ where: { projectId: env.project.id, status: { in: ["queued", "failed"] } } });
    expect(waiting).toBeGreaterThan(50);
    expect(await db().event.count({ where: { projectId: env.project.id, status: { in: ["skipped", "dead"] } } })).toBe(0);

    await reconnect(crm, env);
    const activated = await activateIntegration(env.project, { replay: true }, WHO);
    expect(activated.replay).toEqual({ requested: true, events: waiting, skipped: 0 });
    expect(await replayProgress(env.project.id)).toMatchObject({ total: waiting, delivered: 0, pending: waiting });
    await deliverAll(env.project.id);
    expect(await replayProgress(env.project.id)).toMatchObject({ total: waiting, delivered: waiting, failed: 0, pending: 0 });
    await checkFinalState(crm, env, merged(mix, outage));
  });

  it("re-activated without the checkbox: nothing from the outage is written, its events show as skipped", { timeout: 900_000 }, async () => {
    const env = await setUpBulkProject(crm, "outage-skip");
    envs.push(env);
    const recordings = `${env.sandbox.server.url}/sandbox/${crm}/recordings`;
    await insertEventMix(env.project.id, EVENTS, { seed: 17, recordingBase: recordings, newCallers: 60 });
    await revokeMidRun(env, Math.floor(EVENTS * 0.3));
    const atBreak = await sandboxSnapshot(env);
    await insertEventMix(env.project.id, 50, { seed: 18, recordingBase: recordings, newCallers: 10 });
    const waiting = await db().event.count({ where: { projectId: env.project.id, status: { in: ["queued", "failed"] } } });

    await reconnect(crm, env);
    expect((await activateIntegration(env.project, { replay: false }, WHO)).replay).toEqual({ requested: false, events: 0, skipped: waiting });
    expect(await runDeliveries({ projectId: env.project.id })).toMatchObject({ claimed: 0 });
    expect(await sandboxSnapshot(env)).toEqual(atBreak);
    const skipped = await db().event.findMany({ where: { projectId: env.project.id, status: { not: "delivered" } }, select: { id: true, status: true, reason: true } });
    expect(skipped).toHaveLength(waiting);
    for (const event of skipped) expect(event).toMatchObject({ status: "skipped", reason: expect.stringContaining("without replay") });

    // A skipped event can still be sent on its own from the event log.
    expect(await requeueEvent(env.project.id, skipped[0]!.id)).toBe(true);
    expect(await runDeliveries({ projectId: env.project.id })).toMatchObject({ claimed: 1, delivered: 1 });
  });
});
