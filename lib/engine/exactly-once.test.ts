// Every CRM write exactly once, whatever happens between our request and the CRM's answer: a worker
// killed (SIGKILL) mid-delivery and started again, answers lost on the way back (a lossy proxy), and two
// drains of one process at once. Counted in the sandbox: persons, deals, call logs, tasks, recordings.
import { afterAll, describe, expect, it } from "vitest";
import type { CrmCredentials } from "@/lib/connectors/types";
import { db } from "@/lib/db/client";
import { connectWithCredentials } from "@/lib/integrations/connect";
import { checkFinalState, deliverAll, sandboxCredentials, setUpBulkProject, type BulkProject, type Crm } from "@/testing/bulk";
import { insertEventMix } from "@/testing/event-mix";
import { makeRetriesDue } from "@/testing/jobs";
import { startLossyProxy, type LossyProxy } from "@/testing/lossy-proxy";
import { openFreshDatabase } from "@/testing/fresh-database";
import { startScript, type Running } from "@/testing/processes";
import { runDeliveries } from "./drain";

// Its own database: the workers this file starts must not take other files' jobs, nor theirs these.
await openFreshDatabase("exactly_once");

const TASKS: Record<Crm, string> = { zoho: "Tasks", pipedrive: "activities" };
const WHO = { userId: null, actor: "test" };

/** One task per missed call: as many in the CRM as deliveries that wrote one, and each wrote one. */
async function checkTasks(crm: Crm, env: BulkProject) {
  const missed = await db().event.count({ where: { projectId: env.project.id, type: "call", payload: { path: ["status"], equals: "missed" } } });
  const written = await db().deliveryStep.count({ where: { event: { projectId: env.project.id }, step: "task", state: "done" } });
  expect(written).toBe(missed);
  // Pipedrive keeps every call log as an activity too (type "call"): tasks are the activities of type "task".
  const onlyTasks = crm === "pipedrive" ? { data: { path: ["type"], equals: "task" } } : {};
  expect(await db().sandboxRecord.count({ where: { accountId: env.accountId, module: TASKS[crm], ...onlyTasks } })).toBe(missed);
}

const undelivered = (projectId: string) => db().event.count({ where: { projectId, status: { not: "delivered" } } });

describe.each(["pipedrive", "zoho"] as const)("%s: exactly once", (crm) => {
  const cleanups: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it("a worker killed mid-delivery and started again: every event delivered once, within seconds", { timeout: 300_000 }, async () => {
    const env = await setUpBulkProject(crm, "kill");
    cleanups.push(() => env.sandbox.server.close());
    // Slow answers, so that the kill finds writes on their way.
    await env.sandbox.control({ latencyMs: 150 });
    const mix = await insertEventMix(env.project.id, 120, { seed: 31, recordingBase: `${env.sandbox.server.url}/sandbox/${crm}/recordings`, newCallers: 25 });
    const first: Running = await startScript("testing/app-process.ts");
    cleanups.push(first.stop);
    const sending = () => db().deliveryStep.count({ where: { event: { projectId: env.project.id }, state: "sending" } });
    while ((await db().event.count({ where: { projectId: env.project.id, status: "delivered" } })) < 20 || (await sending()) === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    first.child.kill("SIGKILL");
    await new Promise((resolve) => first.child.once("exit", resolve));
    const inFlight = await sending();
    expect(inFlight, "writes in flight when the worker died").toBeGreaterThan(0);

    const restarted = Date.now();
    const second = await startScript("testing/app-process.ts");
    cleanups.push(second.stop);
    while ((await undelivered(env.project.id)) > 0) {
      expect(Date.now() - restarted, "all delivered within a minute of the restart").toBeLessThan(60_000);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    process.stdout.write(`${crm}: killed with ${inFlight} write(s) in flight; the rest delivered ${((Date.now() - restarted) / 1000).toFixed(1)} s after the restart\n`);
    // A deal whose create was in flight is found again on the retry rather than named as created.
    await checkFinalState(crm, env, mix, { deals: "per-contact" });
    await checkTasks(crm, env);
  });

  it("a rolling restart: SIGTERM to a worker in the middle of a 200-event run loses and duplicates nothing", { timeout: 300_000 }, async () => {
    const env = await setUpBulkProject(crm, "sigterm");
    cleanups.push(() => env.sandbox.server.close());
    await env.sandbox.control({ latencyMs: 150 });
    const mix = await insertEventMix(env.project.id, 200, { seed: 43, recordingBase: `${env.sandbox.server.url}/sandbox/${crm}/recordings`, newCallers: 30 });
    // At info level: its log line saying it finishes the deliveries in flight is checked below.
    const first = await startScript("testing/app-process.ts", { LOG_LEVEL: "info" });
    cleanups.push(first.stop);
    while ((await db().event.count({ where: { projectId: env.project.id, status: "delivered" } })) < 30) await new Promise((resolve) => setTimeout(resolve, 20));
    const stopped = Date.now();
    await first.stop();
    expect(first.child.exitCode, "a graceful exit").toBe(0);
    expect(first.output()).toContain("finishing deliveries in flight");
    expect(await undelivered(env.project.id), "stopped mid-run").toBeGreaterThan(0);
    process.stdout.write(`${crm}: SIGTERM with ${200 - (await undelivered(env.project.id))} delivered; the worker finished its deliveries in flight and exited in ${((Date.now() - stopped) / 1000).toFixed(1)} s\n`);
    const second = await startScript("testing/app-process.ts");
    cleanups.push(second.stop);
    while ((await undelivered(env.project.id)) > 0) await new Promise((resolve) => setTimeout(resolve, 100));
    await checkFinalState(crm, env, mix);
    await checkTasks(crm, env);
  });

  it("20% of the answers to writes lost on the way back: one call log per call, one task per missed call", { timeout: 300_000 }, async () => {
    const env = await setUpBulkProject(crm, "lossy");
    const proxy: LossyProxy = await startLossyProxy(env.sandbox.server.url, 5);
    cleanups.push(() => env.sandbox.server.close(), proxy.close);
    const direct = await sandboxCredentials(crm, env.sandbox);
    const through = (url: string) => url.replace(env.sandbox.server.url, proxy.url);
    const credentials: CrmCredentials = direct.crm === "zoho" ? { ...direct, accountsUrl: through(direct.accountsUrl), apiDomain: through(direct.apiDomain) } : { ...direct, apiBase: through(direct.apiBase) };
    await connectWithCredentials(env.project, credentials, WHO);
    const mix = await insertEventMix(env.project.id, 100, { seed: 37, recordingBase: `${env.sandbox.server.url}/sandbox/${crm}/recordings`, newCallers: 20 });
    await deliverAll(env.project.id);
    expect(proxy.dropped()).toBeGreaterThan(20);
    await checkFinalState(crm, env, mix, { deals: "per-contact" });
    await checkTasks(crm, env);
  });

  it("two drains of one process at once write nothing twice", { timeout: 300_000 }, async () => {
    const env = await setUpBulkProject(crm, "twice");
    cleanups.push(() => env.sandbox.server.close());
    await env.sandbox.control({ latencyMs: 20 });
    const mix = await insertEventMix(env.project.id, 100, { seed: 41, recordingBase: `${env.sandbox.server.url}/sandbox/${crm}/recordings`, newCallers: 20 });
    for (let round = 0; round < 50 && (await undelivered(env.project.id)) > 0; round++) {
      await makeRetriesDue(env.project.id);
      await Promise.all([runDeliveries({ projectId: env.project.id }), runDeliveries({ projectId: env.project.id })]);
    }
    await checkFinalState(crm, env, mix);
    await checkTasks(crm, env);
  });
});
