// "Broken" means only that the CRM refused our credentials. A process whose own egress setting refuses the
// CRM's host (here: this test process, its EGRESS_ALLOW_CRM changed after the connection was made, as on an
// instance configured differently from the others) sends nothing, leaves the integration active with a
// configuration error shown, and its Test connection reports the same problem instead of OK.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { runDeliveries } from "@/lib/engine/drain";
import { forgetEnv } from "@/lib/env";
import { reasonInWords } from "@/lib/events/reason";
import { projectOverview } from "@/lib/overview/overview";
import { setUp, MODULES } from "@/testing/delivery-env";
import { makeRetriesDue } from "@/testing/jobs";
import { testIntegration } from "./connect";

/** Runs `body` as a process whose CRM allow-list opens another port than the sandbox's. */
async function withCrmEgress<T>(list: string, body: () => Promise<T>): Promise<T> {
  const before = process.env.EGRESS_ALLOW_CRM;
  process.env.EGRESS_ALLOW_CRM = list;
  forgetEnv();
  try {
    return await body();
  } finally {
    process.env.EGRESS_ALLOW_CRM = before;
    forgetEnv();
  }
}

describe.each(["pipedrive", "zoho"] as const)("%s: a process that may not reach the CRM", (crm) => {
  let env: Awaited<ReturnType<typeof setUp>>;
  beforeAll(async () => {
    env = await setUp(crm, "config-error");
  });
  afterAll(() => env.sandbox.server.close());

  it("keeps the integration active with a configuration error on the Overview, and Test connection says the same", async () => {
    const host = new URL(env.sandbox.server.url).host;
    const id = await env.call("+380661120001");
    await withCrmEgress("127.0.0.1:1", async () => {
      const counts = await runDeliveries({ projectId: env.project.id });
      expect(counts).toMatchObject({ delivered: 0, failed: 0, dead: 0 });
      const event = await env.event(id);
      // Waiting, with no attempt used: the CRM was never asked.
      expect(event).toMatchObject({ status: "queued", attempts: 0 });
      expect(event.nextAttemptAt).not.toBeNull();
      expect(event.reason).toMatch(new RegExp(`^configuration: this server may not reach ${host.replace(/\./g, "\\.")}:`));
      expect(reasonInWords(event.reason)).toEqual({ key: "configuration", values: { host } });
      const integration = await db().integration.findUniqueOrThrow({ where: { projectId: env.project.id } });
      expect(integration).toMatchObject({ status: "active", lastError: null, brokenAt: null });
      expect(integration.configError).toMatch(/EGRESS_ALLOW_CRM/);
      expect((await projectOverview(env.project)).configuration).toMatchObject({ host, problem: integration.configError });
      expect(await env.count(MODULES[crm].calls)).toBe(0);

      // The same checks as a delivery: not OK, the same words, and still not broken.
      await expect(testIntegration(env.project.id)).rejects.toMatchObject({ code: "UNAVAILABLE", message: expect.stringMatching(new RegExp(`^This server may not reach ${host.replace(/\./g, "\\.")}:`)) });
      expect((await db().integration.findUniqueOrThrow({ where: { projectId: env.project.id } })).status).toBe("active");
    });

    // A process that can reach the CRM does not say OK while a delivery process reported the problem minutes ago…
    await expect(testIntegration(env.project.id)).rejects.toMatchObject({ message: expect.stringMatching(/another Callbridge process reported at .*may not reach/) });
    // …and once a delivery got through, the configuration error is over and the test is OK.
    await makeRetriesDue(env.project.id);
    await db().event.update({ where: { id }, data: { nextAttemptAt: new Date() } });
    const after = await runDeliveries({ projectId: env.project.id });
    expect(after).toMatchObject({ delivered: 1 });
    expect(await env.event(id)).toMatchObject({ status: "delivered", attempts: 1 });
    expect((await db().integration.findUniqueOrThrow({ where: { projectId: env.project.id } })).configError).toBeNull();
    expect((await projectOverview(env.project)).configuration).toBeNull();
    await expect(testIntegration(env.project.id)).resolves.toMatchObject({ accountName: expect.any(String) });
  });
});
