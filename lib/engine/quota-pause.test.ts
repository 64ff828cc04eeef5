// Quotas pause, they don't fail: when the CRM account's quota runs out (Zoho's API credits, Pipedrive's
// daily budget or an unpaid company), every event of the project waits for the CRM's reset with no attempt
// used, the Overview and an alert say why and until when, and deliveries go on by themselves after it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { evaluateAlerts } from "@/lib/alerts/evaluate";
import { reasonInWords } from "@/lib/events/reason";
import { projectOverview } from "@/lib/overview/overview";
import { makeRetriesDue } from "@/testing/jobs";
import { setUp } from "@/testing/delivery-env";
import { budgetSpentUntil } from "@/lib/connectors/pipedrive/daily-budget";
import { runDeliveries } from "./drain";

type Quota = { crm: "zoho" | "pipedrive"; quota: string; use: Record<string, unknown>; restore: Record<string, unknown> };
const QUOTAS: Quota[] = [
  { crm: "zoho", quota: "api_credits", use: { zohoCreditsLeft: 0 }, restore: { zohoCreditsLeft: 50_000 } },
  { crm: "pipedrive", quota: "daily_budget", use: { dailyBudgetLeft: 0 }, restore: { dailyBudgetLeft: 400_000 } },
  { crm: "pipedrive", quota: "unpaid", use: { unpaid: true }, restore: { unpaid: false } },
];

describe.each(QUOTAS)("$crm: $quota used up", ({ crm, quota, use, restore }) => {
  let env: Awaited<ReturnType<typeof setUp>>;
  beforeAll(async () => {
    env = await setUp(crm, `quota-${quota}`);
  });
  afterAll(() => env.sandbox.server.close());
  const openAlerts = async () => (await db().alertState.findMany({ where: { projectId: env.project.id, openSince: { not: null } } })).map((alert) => alert.kind);

  it("pauses the project until the reset: nothing fails, no attempt is used, the Overview and an alert say so; then it goes on", async () => {
    await env.sandbox.control(use);
    const first = await env.call("+380661110001");
    const counts = await runDeliveries({ projectId: env.project.id });
    expect(counts).toMatchObject({ paused: 1, failed: 0, retrying: 0 });
    const paused = await env.event(first);
    expect(paused).toMatchObject({ status: "queued", attempts: 0 });
    expect(reasonInWords(paused.reason)).toMatchObject({ key: "quotaPaused", values: { quota } });
    const integration = await db().integration.findUniqueOrThrow({ where: { projectId: env.project.id } });
    expect(integration.status).toBe("active");
    expect(integration.pausedUntil!.getTime()).toBeGreaterThan(Date.now());

    // Other clients wait too, without a CRM call: nothing reaches the CRM while the pause holds.
    const others = [await env.call("+380661110002"), await env.call("+380661110003")];
    await runDeliveries({ projectId: env.project.id });
    for (const id of others) expect(await env.event(id)).toMatchObject({ status: "queued", attempts: 0, nextAttemptAt: integration.pausedUntil });
    expect((await projectOverview(env.project)).pause).toMatchObject({ quota, until: integration.pausedUntil });
    await evaluateAlerts(env.project.id);
    expect(await openAlerts()).toEqual(["quota"]);

    // The CRM's reset comes (time travel: the pause's end is now), and the quota is back.
    await env.sandbox.control(restore);
    await db().integration.update({ where: { projectId: env.project.id }, data: { pausedUntil: new Date(Date.now() - 1_000) } });
    // This process remembers a spent Pipedrive budget until the company's midnight: that moment is now, too.
    budgetSpentUntil.clear();
    await makeRetriesDue(env.project.id);
    await db().$executeRawUnsafe(`UPDATE pgboss.job SET start_after = now() WHERE group_id = $1 AND state IN ('retry', 'created')`, env.project.id);
    const after = await runDeliveries({ projectId: env.project.id });
    expect(after).toMatchObject({ delivered: 3, failed: 0 });
    for (const id of [first, ...others]) expect(await env.event(id)).toMatchObject({ status: "delivered", attempts: 1 });
    await evaluateAlerts(env.project.id);
    expect(await openAlerts()).toEqual([]);
  });
});
