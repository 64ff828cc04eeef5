// F19 end to end on both sandbox CRMs over HTTP: a call's phases delivered by the worker create its
// contact and deal at the phase the matrix says, and exactly one call log at the end, whatever order the
// phases arrive in and however often.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultConfig } from "@/lib/config/defaults";
import type { CallPhase } from "@/lib/validation/vocabulary";
import { saveConfigSection } from "@/lib/config/service";
import { MODULES, setUp } from "@/testing/delivery-env";
import type { TraceEntry } from "./trace";
import { runDeliveries } from "./drain";

const WHO = { userId: null, actor: "test" };
const TASKS = { zoho: "Tasks", pipedrive: "activities" } as const;

describe.each(["pipedrive", "zoho"] as const)("live calls in %s", (crm) => {
  let env: Awaited<ReturnType<typeof setUp>>;
  beforeAll(async () => {
    env = await setUp(crm, "live");
    // Incoming calls write their contact and deal while the phone rings (the seed's "at the moment of the call").
    const matrix = defaultConfig().matrix.map((row) => (row.trigger.startsWith("call.incoming.") ? { ...row, when: "ringing" as const } : row));
    await saveConfigSection(env.project, "matrix", matrix, WHO);
  });
  afterAll(() => env.sandbox.server.close());

  const counts = async () => ({ contacts: await env.count(MODULES[crm].contacts), deals: await env.count(MODULES[crm].deals), calls: await env.count(MODULES[crm].calls) });
  const phase = (caller: string, callId: string, which: CallPhase, patch: Record<string, unknown> = {}) =>
    env.call(caller, { callId, phase: which, ...(which === "completed" ? {} : { status: undefined, recordingUrl: undefined, durationSec: undefined }), ...patch });
  const drain = () => runDeliveries({ projectId: env.project.id });
  const callLogs = async () => (await env.records(MODULES[crm].calls)).map((row) => row.data as Record<string, unknown>);
  const linksOf = (log: Record<string, unknown>) =>
    crm === "zoho" ? { contact: (log.Who_Id as { id: string } | undefined)?.id, deal: (log.What_Id as { id: string } | undefined)?.id } : { contact: String(log.person_id), deal: String(log.deal_id) };

  it("ringing → answered → completed: contact and deal at ring, nothing at pickup, one call log at the end linked to them", async () => {
    const before = await counts();
    const ringing = await phase("+380671110001", "live-1", "ringing");
    await drain();
    expect((await env.event(ringing)).status).toBe("delivered");
    const atRing = await counts();
    expect(atRing).toEqual({ contacts: before.contacts + 1, deals: before.deals + 1, calls: before.calls });
    const ringTrace = (await env.event(ringing)).trace as unknown as TraceEntry[];
    const contactId = ringTrace.find((entry) => entry.op === "create" && entry.detail === "create contact")!.id!;
    const dealId = ringTrace.find((entry) => entry.op === "create" && entry.detail === "create deal")!.id!;

    const answered = await phase("+380671110001", "live-1", "answered");
    await drain();
    expect((await env.event(answered)).reason).toBe("answered: the entities were written at ring");
    expect(await counts()).toEqual(atRing);

    const completed = await phase("+380671110001", "live-1", "completed");
    await drain();
    expect((await env.event(completed)).status).toBe("delivered");
    expect(await counts()).toEqual({ ...atRing, calls: before.calls + 1 });
    expect(linksOf((await callLogs()).at(-1)!)).toEqual({ contact: contactId, deal: dealId });
  });

  it("the phases posted in reverse order and twice give the same CRM state: one contact, one deal, one call log", async () => {
    const before = await counts();
    const number = "+380671110002";
    for (const which of ["completed", "completed", "answered", "ringing", "ringing", "answered"] as const) await phase(number, "live-2", which);
    await drain();
    expect(await counts()).toEqual({ contacts: before.contacts + 1, deals: before.deals + 1, calls: before.calls + 1 });
    const events = await Promise.all((await env.records(MODULES[crm].calls)).slice(-1).map((row) => row.data as Record<string, unknown>));
    expect(linksOf(events[0]!).contact).toBeTruthy();
  });

  it("a ringing call that is then missed keeps what was created at ring and gets the missed-call task", async () => {
    const before = await counts();
    const tasks = await env.count(TASKS[crm]);
    const number = "+380671110003";
    await phase(number, "live-3", "ringing");
    await drain();
    const missed = await phase(number, "live-3", "completed", { status: "missed", durationSec: 0, recordingUrl: undefined });
    await drain();
    expect((await env.event(missed)).status).toBe("delivered");
    expect(await counts()).toEqual({ contacts: before.contacts + 1, deals: before.deals + 1, calls: before.calls + 1 });
    // Pipedrive files each call log as an activity too: the task is one more on top of it.
    expect(await env.count(TASKS[crm])).toBe(tasks + (crm === "pipedrive" ? 2 : 1));
  });

  it("today's call without phases is delivered exactly as before", async () => {
    const before = await counts();
    const id = await env.call("+380671110004");
    await drain();
    const event = await env.event(id);
    expect(event.status).toBe("delivered");
    expect((event.trace as unknown as TraceEntry[]).some((entry) => entry.op === "phase")).toBe(false);
    expect(await counts()).toEqual({ contacts: before.contacts + 1, deals: before.deals + 1, calls: before.calls + 1 });
  });
});
