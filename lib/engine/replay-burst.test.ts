// F12 at the size real outages reach: three days of stored events (2,000) replayed at once after the
// integration is activated again. A replay is exactly a burst: the CRM's caps (Pipedrive's search cap and
// burst limit, Zoho's concurrency) are hit for minutes, and not one event may fail or be duplicated.
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { setIntegrationStatus } from "@/lib/db/queries/integrations";
import { activateIntegration } from "@/lib/replay/activation";
import { checkFinalState, deliverAll, setUpBulkProject, type BulkProject } from "@/testing/bulk";
import { insertEventMix } from "@/testing/event-mix";
import { replayWindowStart } from "../replay/window";

const EVENTS = Number(process.env.REPLAY_EVENTS ?? 2_000);
const WHO = { userId: null, actor: "test" };

describe.each(["pipedrive", "zoho"] as const)("%s: replay of three days", (crm) => {
  const envs: BulkProject[] = [];
  afterAll(() => Promise.all(envs.map((env) => env.sandbox.server.close())));

  it(`${EVENTS} stored events end delivered, with no duplicate and none failed`, { timeout: 1_500_000 }, async () => {
    const env = await setUpBulkProject(crm, "replay-burst");
    envs.push(env);
    await setIntegrationStatus(env.project.id, "inactive", { ...WHO, target: env.project.key, action: "integration.deactivate", details: {} });
    // The whole replay window's traffic (today and the two days before, in the project's time zone) while
    // the integration was off, a minute's margin inside it.
    const spanMs = Date.now() - replayWindowStart(new Date(), env.project.timezone).getTime() - 60_000;
    const mix = await insertEventMix(env.project.id, EVENTS, { seed: 41, recordingBase: `${env.sandbox.server.url}/sandbox/${crm}/recordings`, newCallers: 250, spanMs });
    const activated = await activateIntegration(env.project, { replay: true }, WHO);
    expect(activated.replay).toMatchObject({ requested: true, events: EVENTS, skipped: 0 });
    await deliverAll(env.project.id, 1_400_000);
    const failed = await db().event.count({ where: { projectId: env.project.id, status: { in: ["failed", "dead"] } } });
    expect(failed).toBe(0);
    expect(await db().event.count({ where: { projectId: env.project.id, status: "delivered" } })).toBe(EVENTS);
    await checkFinalState(crm, env, mix);
  });
});
