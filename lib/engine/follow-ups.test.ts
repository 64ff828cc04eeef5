// F19 end to end on both sandbox CRMs over HTTP: a call's recording and AI summary, sent as events of their
// own, update the call's record in the CRM exactly once, also when they arrive before the call has ended.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveConfigSection } from "@/lib/config/service";
import { defaultConfig } from "@/lib/config/defaults";
import { db } from "@/lib/db/client";
import { requeueEvent } from "@/lib/db/queries/replay";
import { WAITING_FOR_CALL_LOG } from "@/lib/db/queries/follow-ups";
import { createConnector } from "@/lib/connectors/registry";
import { customKey } from "@/lib/sandbox/pipedrive/seed";
import { insertTestEvent } from "@/testing/factories";
import { MODULES, setUp } from "@/testing/delivery-env";
import { runDeliveries } from "./drain";

const WHO = { userId: null, actor: "test" };
const DEAL_TEXT_FIELD = { zoho: "Call_Pool", pipedrive: customKey("Call pool") } as const;

describe.each(["zoho", "pipedrive"] as const)("a call's recording and summary in %s", (crm) => {
  let env: Awaited<ReturnType<typeof setUp>>;
  beforeAll(async () => {
    env = await setUp(crm, "follow-up");
    // The deal keeps the call's sentiment and the contact its summary (text fields of their mapping tabs).
    const mappings = defaultConfig().mappings;
    mappings.call.deal = [{ field: DEAL_TEXT_FIELD[crm], source: { type: "variable", name: "sentiment" } }];
    await saveConfigSection(env.project, "mappings", mappings, WHO);
  });
  afterAll(() => env.sandbox.server.close());

  const drain = () => runDeliveries({ projectId: env.project.id });
  let sequence = 0;
  const summary = (callId: string, patch: Record<string, unknown> = {}) =>
    insertTestEvent(env.project.id, { id: `${crm}-summary-${++sequence}`, type: "summary", callId, summary: "Wants a quote for 40 seats; call back on Monday.", transcript: "Client: Hello…", sentiment: "positive", tags: ["quote", "hot"], ...patch });
  const recording = (callId: string) => insertTestEvent(env.project.id, { id: `${crm}-recording-${++sequence}`, type: "recording", callId, recordingUrl: `${env.sandbox.server.url}/sandbox/${crm}/recordings/${callId}-late.mp3` });
  /** As if the worker died after the CRM took the step: the journal says "sending", the event waits for a retry. */
  const loseAnswer = async (eventId: string, step: string) => {
    expect((await db().deliveryStep.updateMany({ where: { eventId, step }, data: { state: "sending" } })).count).toBe(1);
    await db().event.update({ where: { id: eventId }, data: { status: "failed", reason: "the CRM's answer was lost", nextAttemptAt: new Date() } });
    expect(await requeueEvent(env.project.id, eventId)).toBe(true);
  };
  const callLog = async () => (await env.records(MODULES[crm].calls)).at(-1)!;
  const notes = async () => (await env.records("notes")).map((row) => row.data as Record<string, unknown>);
  /** Where the summary lives: Zoho, the call's Description; Pipedrive, notes linked to the call's deal and person. */
  const summariesOf = async (log: { data: unknown }) => {
    if (crm === "zoho") return ((log.data as { Description?: string }).Description ?? "").split("Wants a quote for 40 seats").length - 1;
    const data = log.data as { deal_id: number; person_id: number };
    return (await notes()).filter((note) => String(note.content).includes("Wants a quote for 40 seats") && note.deal_id === data.deal_id && note.person_id === data.person_id).length;
  };

  it("a summary posted before the call completed waits for the call's log, then lands on it once", async () => {
    const number = "+380671220001";
    await env.call(number, { callId: "fu-1", phase: "ringing", status: undefined, recordingUrl: undefined, durationSec: undefined });
    await drain();
    const early = await summary("fu-1");
    await drain();
    expect(await env.event(early)).toMatchObject({ status: "queued", reason: WAITING_FOR_CALL_LOG });

    const calls = await env.count(MODULES[crm].calls);
    await env.call(number, { callId: "fu-1", phase: "completed", recordingUrl: undefined });
    await drain();
    expect(await env.count(MODULES[crm].calls)).toBe(calls + 1);
    expect(await env.event(early)).toMatchObject({ status: "delivered" });
    const log = await callLog();
    expect(await summariesOf(log)).toBe(1);
    if (crm === "zoho") expect((log.data as { Description: string }).Description).toContain("Sentiment: positive\nTags: quote, hot");

    // Sent again by the platform (same id) and drained again: still once.
    await summary("fu-1", { id: `${crm}-summary-${sequence}` });
    await drain();
    expect(await summariesOf(await callLog())).toBe(1);
    // The CRM took the write but its answer was lost (the journal still says "sending"): the retry finds it.
    await loseAnswer(early, "callNote");
    await drain();
    expect(await env.event(early)).toMatchObject({ status: "delivered" });
    expect(await summariesOf(await callLog())).toBe(1);
  });

  it("a summary that arrives before any phase of its call waits on a queue of the call's own, then lands once", async () => {
    const early = await summary("fu-2");
    await drain();
    expect(await env.event(early)).toMatchObject({ status: "queued", reason: WAITING_FOR_CALL_LOG });
    await env.call("+380671220002", { callId: "fu-2", recordingUrl: undefined });
    await drain();
    expect(await env.event(early)).toMatchObject({ status: "delivered" });
    expect(await summariesOf(await callLog())).toBe(1);
  });

  it("a recording sent after the call attaches to its call log once, as the first recording would", async () => {
    await env.call("+380671220003", { callId: "fu-3", recordingUrl: undefined });
    await drain();
    const files = await env.files();
    const late = await recording("fu-3");
    await drain();
    expect(await env.event(late)).toMatchObject({ status: "delivered" });
    expect(await env.files()).toBe(files + 1);
    await loseAnswer(late, "recording");
    await drain();
    expect(await env.event(late)).toMatchObject({ status: "delivered" });
    expect(await env.files()).toBe(files + 1);
  });

  it("the summary's sentiment goes into the deal field its mapping row names", async () => {
    await env.call("+380671220004", { callId: "fu-4", recordingUrl: undefined });
    await drain();
    const sent = await summary("fu-4", { sentiment: "negative" });
    await drain();
    expect(await env.event(sent)).toMatchObject({ status: "delivered" });
    // Read back through the CRM's API, as a user's CRM shows it.
    const deal = await createConnector(env.credentials).get("deal", (await env.records(MODULES[crm].deals)).at(-1)!.id);
    expect(deal?.fields[DEAL_TEXT_FIELD[crm]]).toBe("negative");
  });
});
