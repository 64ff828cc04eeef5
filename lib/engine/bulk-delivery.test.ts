// 500 mixed events into each sandbox CRM, delivered by the worker: no duplicate contacts, every call
// logged once with its recording, every new deal in the stage the rules say — also with faults injected.
import { afterAll, describe, it } from "vitest";
import { checkFinalState, deliverAll, setUpBulkProject, type BulkProject } from "@/testing/bulk";
import { insertEventMix } from "@/testing/event-mix";

const EVENTS = Number(process.env.BULK_EVENTS ?? 500);

describe.each(["pipedrive", "zoho"] as const)("%s: 500 mixed events", (crm) => {
  let env: BulkProject;
  afterAll(() => env?.sandbox.server.close());

  it("end with exactly the expected entities", { timeout: 600_000 }, async () => {
    env = await setUpBulkProject(crm, "bulk");
    const mix = await insertEventMix(env.project.id, EVENTS, { seed: 7, recordingBase: `${env.sandbox.server.url}/sandbox/${crm}/recordings`, newCallers: 60 });
    await deliverAll(env.project.id);
    await checkFinalState(crm, env, mix);
  });
});

describe.each(["pipedrive", "zoho"] as const)("%s: 500 mixed events with 5xx, 429 bursts and latency spikes", (crm) => {
  let env: BulkProject;
  afterAll(() => env?.sandbox.server.close());

  it("end in the same final state", { timeout: 900_000 }, async () => {
    env = await setUpBulkProject(crm, "faults");
    await env.sandbox.control({ errorRate: 0.2, burst429: 5, spikeRate: 0.005, spikeMs: 2000 });
    const mix = await insertEventMix(env.project.id, EVENTS, { seed: 11, recordingBase: `${env.sandbox.server.url}/sandbox/${crm}/recordings`, newCallers: 60 });
    await deliverAll(env.project.id);
    await env.sandbox.control({ errorRate: 0, spikeRate: 0 });
    await checkFinalState(crm, env, mix);
  });
});
