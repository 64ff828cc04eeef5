// Several open deals of one caller's contact, made in the CRM through its own API: the project's policy
// (config section `matching`) decides which one a call goes to, on both CRMs over HTTP; the trace says
// that several matched and which was taken.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveConfigSection } from "@/lib/config/service";
import { createConnector } from "@/lib/connectors/registry";
import { findLinks } from "@/lib/db/queries/links";
import { setUp } from "@/testing/delivery-env";
import type { TraceEntry } from "./trace";
import { runDeliveries } from "./drain";

const WHO = { userId: null, actor: "test" };
// The CRMs keep record times to the second: deals made a second apart are told apart.
const nextSecond = () => new Promise((resolve) => setTimeout(resolve, 1_100));

describe.each(["pipedrive", "zoho"] as const)("several open deals of one caller in %s", (crm) => {
  let env: Awaited<ReturnType<typeof setUp>>;
  beforeAll(async () => {
    env = await setUp(crm, "several");
  });
  afterAll(() => env.sandbox.server.close());

  it("goes to the most recently updated by default, the oldest, or the first by pipeline order, as the project chooses", { timeout: 120_000 }, async () => {
    const connector = createConnector(env.credentials);
    const pipelines = await connector.listPipelines();
    expect(pipelines.length, "the sandbox account has two pipelines").toBeGreaterThanOrEqual(2);
    const [first, second] = pipelines as [(typeof pipelines)[0], (typeof pipelines)[0]];
    const deal = async (title: string, pipeline: typeof first, contactId: string) => {
      const made = await connector.create("deal", { name: title, contactId, pipelineId: pipeline.id, stageId: pipeline.stages[0]!.id });
      await nextSecond();
      return made.id;
    };
    // One caller per policy, each with three open deals: A (oldest) and C (newest) in the second pipeline,
    // B in the first.
    const caller = async (number: string) => {
      const contact = await connector.create("contact", { name: `Several ${number}`, lastName: `Several ${number}`, phones: [number] });
      return { a: await deal("A", second, contact.id), b: await deal("B", first, contact.id), c: await deal("C", second, contact.id) };
    };
    const dealOfCall = async (number: string, policy: "recent" | "oldest" | "pipelines") => {
      await saveConfigSection(env.project, "matching", { deals: policy, contacts: "recent" }, WHO);
      const id = await env.call(number);
      await runDeliveries({ projectId: env.project.id });
      const event = await env.event(id);
      expect(event.status).toBe("delivered");
      return { linked: (await findLinks(env.project.id, crm, [`phone:${number}`])).get(`deal|phone:${number}`), trace: event.trace as unknown as TraceEntry[] };
    };

    const recent = await caller("+380507771001");
    const byDefault = await dealOfCall("+380507771001", "recent");
    expect(byDefault.linked).toBe(recent.c);
    expect(byDefault.trace.find((entry) => entry.op === "match")?.detail).toBe(`3 deals matched (${[recent.a, recent.b, recent.c].join(", ")}): took ${recent.c}, the most recently updated`);

    const oldest = await caller("+380507771002");
    expect((await dealOfCall("+380507771002", "oldest")).linked).toBe(oldest.a);

    const ordered = await caller("+380507771003");
    const byPipeline = await dealOfCall("+380507771003", "pipelines");
    expect(byPipeline.linked).toBe(ordered.b);
    expect(byPipeline.trace.find((entry) => entry.op === "match")?.detail).toMatch(new RegExp(`took ${ordered.b}, the first by the CRM's pipeline order`));
    // No deal was made: each call went to one of the three.
    expect(byDefault.trace.some((entry) => entry.op === "create" && String(entry.detail).includes("deal"))).toBe(false);
    expect(byPipeline.trace.some((entry) => entry.op === "create" && String(entry.detail).includes("deal"))).toBe(false);
  });
});
