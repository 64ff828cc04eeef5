import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { connectActive } from "@/testing/connected";
import { makeProject } from "@/testing/factories";
import { openSandbox, pipedriveCredentials, type SandboxHandle } from "@/testing/sandbox";
import { simulateEvent } from "./simulate";

let sandbox: SandboxHandle;
let project: { id: string; key: string; defaultCountry: string; timezone: string };

beforeAll(async () => {
  sandbox = await openSandbox("pipedrive", "simulate");
  const { projectKey } = await makeProject("Dry run");
  project = await db().project.findUniqueOrThrow({ where: { key: projectKey }, select: { id: true, key: true, defaultCountry: true, timezone: true } });
  await connectActive(project, await pipedriveCredentials(sandbox), { userId: null, actor: "test" });
});
afterAll(() => sandbox.server.close());

const missed = { id: "dry-1", type: "call", direction: "incoming", status: "missed", startedAt: "2026-11-21T10:00:00Z", caller: "+380671234567", callee: "+380441234567", line: "sales-1" };

describe("the dry run", () => {
  it("shows what the CRM holds and the plan, and writes nothing anywhere", async () => {
    const account = await db().sandboxAccount.findUniqueOrThrow({ where: { crm_name: { crm: "pipedrive", name: sandbox.account } } });
    const before = { records: await db().sandboxRecord.count({ where: { accountId: account.id } }), links: await db().entityLink.count({ where: { projectId: project.id } }), events: await db().event.count({ where: { projectId: project.id } }) };
    const result = await simulateEvent(project, missed);
    expect(result.found.contact).toMatch(/^Taras Melnyk/);
    expect(result.plan?.steps.map((step) => step.op)).toEqual(["task", "callLog"]);
    // The task's owner is named as the CRM names the user, not by id.
    const task = result.plan!.steps.find((step) => step.op === "task") as { ownerId?: string };
    expect(result.names[task.ownerId!]).toBe("Olena Koval");
    expect(Object.values(result.names)).toEqual(expect.arrayContaining(["Sales", "Demo scheduled"]));
    expect(result.reads.every((entry) => entry.op === "search" || entry.op === "get")).toBe(true);
    expect({ records: await db().sandboxRecord.count({ where: { accountId: account.id } }), links: await db().entityLink.count({ where: { projectId: project.id } }), events: await db().event.count({ where: { projectId: project.id } }) }).toEqual(before);
  });

  it("shows the same for a caller that is not a phone number: nothing looked up or created, the reason in the plan", async () => {
    const result = await simulateEvent(project, { ...missed, id: "dry-anonymous", status: "answered", caller: "anonymous" });
    expect(result.found).toEqual({ contact: null, organization: null, deal: null, lead: null });
    expect(result.reads).toEqual([]);
    expect(result.plan?.steps.map((step) => step.op)).toEqual(["callLog"]);
    expect(result.plan?.notes).toEqual(['caller "anonymous" is not a phone number: no contact, lead or deal is created or matched']);
  });

  it("a call's phase: the dry run says what the matrix's \"when\" makes of it (ringing writes nothing by default; at ring when configured)", async () => {
    const ringing = { ...missed, id: "dry-ring", status: undefined, phase: "ringing", callId: "dry-call" };
    const byDefault = await simulateEvent(project, ringing);
    expect(byDefault.phase).toBe("ringing: the matrix writes this call's entities at completion");
    expect(byDefault.plan?.steps).toEqual([]);
    expect(byDefault.reads).toEqual([]);
    const { saveConfigSection, loadConfig } = await import("@/lib/config/service");
    const matrix = (await loadConfig(project.id)).matrix.map((row) => (row.trigger === "call.incoming.answered" ? { ...row, when: "ringing" as const, contact: "create" as const, deal: "create" as const } : row));
    await saveConfigSection(project, "matrix", matrix, { userId: null, actor: "test" });
    const atRing = await simulateEvent(project, { ...ringing, caller: "+380679990001" });
    expect(atRing.phase).toBe("ringing: call.incoming.answered writes entities at ring");
    // Entities only: the call log and the missed-call task wait for the call to complete.
    expect(atRing.plan?.steps.map((step) => step.op)).toEqual(["create", "create"]);
  });

  it("names what is wrong with an invalid sample", async () => {
    await expect(simulateEvent(project, { ...missed, direction: "sideways" })).rejects.toMatchObject({ code: "VALIDATION", issues: [{ path: "direction", message: expect.any(String) }] });
  });
});
