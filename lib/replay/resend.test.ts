// "Send again" from the Events page, through to the sandbox CRM: the stop-list holds unless the admin
// explicitly overrides it, and nothing an earlier attempt did on another CRM connection is reused.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveConfigSection } from "@/lib/config/service";
import { db } from "@/lib/db/client";
import { requeueFailed } from "@/lib/db/queries/event-list";
import { requeueEvent } from "@/lib/db/queries/replay";
import { runDeliveries } from "@/lib/engine/drain";
import { connectActive } from "@/testing/connected";
import { insertTestEvent, makeProject } from "@/testing/factories";
import { openSandbox, pipedriveCredentials, type SandboxHandle } from "@/testing/sandbox";
import { resendEvent } from "./resend";

const WHO = { userId: null, actor: "admin@example.test" };
let sandbox: SandboxHandle;
let project: { id: string; key: string; defaultCountry: string };
let persons: () => Promise<number>;
let sequence = 0;

const call = (line: string, caller = `+38099123${String(4500 + ++sequence)}`) =>
  insertTestEvent(project.id, { id: `resend-${sequence}-${Date.now()}`, type: "call", direction: "incoming", status: "missed", startedAt: new Date().toISOString(), caller, callee: "+380441234567", line });
const event = (id: string) => db().event.findUniqueOrThrow({ where: { id } });

beforeAll(async () => {
  sandbox = await openSandbox("pipedrive", "resend");
  const { projectKey } = await makeProject("Send again");
  project = await db().project.findUniqueOrThrow({ where: { key: projectKey } });
  await connectActive(project, await pipedriveCredentials(sandbox));
  await saveConfigSection(project, "stopList", [{ id: "s", kind: "sip", value: "office-101", note: "reception" }], WHO);
  const account = await db().sandboxAccount.findUniqueOrThrow({ where: { crm_name: { crm: "pipedrive", name: sandbox.account } } });
  persons = () => db().sandboxRecord.count({ where: { accountId: account.id, module: "persons" } });
});
afterAll(() => sandbox.server.close());

describe("sending a stop-listed call again", () => {
  it("asks first, naming the entry, and changes nothing", async () => {
    const id = await call("office-101");
    expect(await event(id)).toMatchObject({ status: "skipped", reason: "stop-list: office-101" });
    expect(await resendEvent(project, id, { despiteStopList: false }, WHO)).toEqual({ queued: false, stopListed: "stop-list: office-101" });
    expect((await event(id)).status).toBe("skipped");
  });

  it("is skipped again at delivery when queued without the override, writing nothing to the CRM", async () => {
    const id = await call("office-101");
    const before = await persons();
    expect(await requeueEvent(project.id, id)).toBe(true);
    await runDeliveries({ projectId: project.id });
    expect(await event(id)).toMatchObject({ status: "skipped", reason: "stop-list: office-101" });
    expect(await persons()).toBe(before);
  });

  it("goes to the CRM with the explicit override, and the override is audited", async () => {
    const id = await call("office-101");
    const before = await persons();
    expect(await resendEvent(project, id, { despiteStopList: true }, WHO)).toEqual({ queued: true });
    await runDeliveries({ projectId: project.id });
    expect((await event(id)).status).toBe("delivered");
    expect(await persons()).toBe(before + 1);
    const audit = await db().auditEntry.findFirstOrThrow({ where: { projectId: project.id, action: "event.resendDespiteStopList" }, orderBy: { createdAt: "desc" } });
    expect(audit).toMatchObject({ actor: WHO.actor, target: (await event(id)).externalId, after: { eventId: id, stopList: "stop-list: office-101" } });
  });
});

describe("a retry after the CRM connection changed", () => {
  it("reuses no id and shows no step from the other connection's attempt", async () => {
    const id = await call("sales-1");
    // An attempt on another connection created a contact (66) there, then failed.
    await db().event.update({
      where: { id },
      data: { status: "failed", reason: "earlier failure", trace: [{ op: "create", detail: "create contact", ok: true, id: "66", step: "create:contact", at: new Date().toISOString(), connection: "old-integration:zoho:elsewhere" }] },
    });
    await db().deliveryStep.create({ data: { eventId: id, step: "create:contact", connection: "old-integration:zoho:elsewhere", state: "done", crmId: "66" } });
    const before = await persons();
    expect(await resendEvent(project, id, { despiteStopList: false }, WHO)).toEqual({ queued: true });
    await runDeliveries({ projectId: project.id });
    const delivered = await event(id);
    expect(delivered.status).toBe("delivered");
    expect(await persons()).toBe(before + 1);
    const trace = delivered.trace as Array<{ detail: string; id?: string }>;
    expect(trace.some((entry) => entry.id === "66" || entry.detail.includes("earlier attempt"))).toBe(false);
    expect(trace.find((entry) => entry.detail === "create contact")?.id).toMatch(/^\d+$/);
  });
});

describe("sending again all failed events of a filter", () => {
  it("queues the failed and dead ones the filter shows (not a delivered one, not another client's) and audits once", async () => {
    const same = "+380991230001";
    const [failed, dead, delivered, other] = [await call("sales-2", same), await call("sales-2", same), await call("sales-2", same), await call("sales-2", "+380501112233")];
    await db().event.updateMany({ where: { id: { in: [failed, other] } }, data: { status: "failed", reason: "HTTP 502", nextAttemptAt: null } });
    await db().event.update({ where: { id: dead }, data: { status: "dead", reason: "gave up after 40 attempts: HTTP 502", nextAttemptAt: null } });
    await db().event.update({ where: { id: delivered }, data: { status: "delivered", nextAttemptAt: null } });
    const caller = ((await event(failed)).clientPhone)!;
    const filter = { lookups: false, search: { phone: caller } };

    expect(await requeueFailed(project.id, filter, { ...WHO, target: project.key })).toBe(2);
    expect((await Promise.all([failed, dead, delivered, other].map(event))).map((row) => row.status)).toEqual(["queued", "queued", "delivered", "failed"]);
    expect(await db().auditEntry.count({ where: { projectId: project.id, action: "event.resendFailed" } })).toBe(1);
    // Nothing failed is left in the filter: nothing is queued and nothing audited.
    expect(await requeueFailed(project.id, filter, { ...WHO, target: project.key })).toBe(0);
    expect(await db().auditEntry.count({ where: { projectId: project.id, action: "event.resendFailed" } })).toBe(1);
  });
});

describe("sending again an event parked while the integration was off", () => {
  it("is offered once the integration is active again, and then reaches the CRM", async () => {
    const { setIntegrationStatus } = await import("@/lib/db/queries/integrations");
    const { canSendAgain } = await import("./send-again");
    await setIntegrationStatus(project.id, "inactive", { ...WHO, target: project.key, action: "integration.deactivate", details: {} });
    const id = await call("sales-1");
    await runDeliveries({ projectId: project.id });
    const parked = await event(id);
    expect(parked).toMatchObject({ status: "queued", reason: "waiting: the integration is inactive", nextAttemptAt: null });
    // Offered only where it can do something: while inactive it would be parked again.
    expect(canSendAgain(parked, "inactive")).toBe(false);
    expect(canSendAgain(parked, "active")).toBe(true);
    expect(canSendAgain({ ...parked, nextAttemptAt: new Date() }, "active")).toBe(false);

    await setIntegrationStatus(project.id, "active", { ...WHO, target: project.key, action: "integration.activate", details: { replay: false } });
    const before = await persons();
    expect(await resendEvent(project, id, { despiteStopList: false }, WHO)).toEqual({ queued: true });
    await runDeliveries({ projectId: project.id });
    expect(await event(id)).toMatchObject({ status: "delivered" });
    expect(await persons()).toBe(before + 1);
  });
});
