// Links are hints (F6): a record the link cache names is read back and checked before a delivery uses it.
// Users change the CRM under Callbridge's feet; each case here is done in the sandbox through the CRM's own
// API, then a call from the same number must reach the right record without a duplicate.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createConnector } from "@/lib/connectors/registry";
import { findLinks } from "@/lib/db/queries/links";
import type { CrmRecord } from "@/lib/connectors/types";
import { MODULES, setUp } from "@/lib/testing/delivery-env";
import type { TraceEntry } from "./trace";
import { checkLinkedRecord } from "./link-check";
import { runDeliveries } from "./worker";

const record = (patch: Partial<CrmRecord>): CrmRecord => ({
  kind: "contact", id: "A", name: "Olena", ownerId: null, phones: ["067 123 45 67"], emails: ["olena@example.com"], organizationId: null, contactId: null,
  pipelineId: null, stageId: null, open: true, converted: false, fields: { cid: "GA1.2.3" }, ...patch,
});
const keys = { phone: "+380671234567", email: "olena@example.com", clientId: "GA1.2.3" };

describe("checkLinkedRecord", () => {
  it("uses a live record that still holds the key, in any stored format", () => {
    expect(checkLinkedRecord(record({}), "phone:+380671234567", keys, "UA", "cid")).toEqual({ use: true });
    expect(checkLinkedRecord(record({ phones: ["+380 50 000 00 00", "+38 (067) 123-45-67"] }), "phone:+380671234567", keys, "UA", "cid")).toEqual({ use: true });
    expect(checkLinkedRecord(record({ emails: ["Olena@Example.com"] }), "email:olena@example.com", keys, "UA", "cid")).toEqual({ use: true });
  });
  it("refuses a record that no longer holds the number, e-mail or client id it was linked by", () => {
    expect(checkLinkedRecord(record({ phones: ["067 123 45 68"] }), "phone:+380671234567", keys, "UA", "cid")).toMatchObject({ use: false, why: "no longer holds +380671234567" });
    expect(checkLinkedRecord(record({ emails: [] }), "email:olena@example.com", keys, "UA", "cid").use).toBe(false);
    expect(checkLinkedRecord(record({ fields: { cid: "GA9" } }), "client:GA1.2.3", keys, "UA", "cid").use).toBe(false);
  });
  it("follows a merge to the survivor; refuses deleted records and converted leads", () => {
    expect(checkLinkedRecord(record({ inactive: true, successorId: "B" }), "phone:+380671234567", keys, "UA", null)).toEqual({ use: false, follow: "B", why: "merged into B" });
    expect(checkLinkedRecord(record({ inactive: true }), "phone:+380671234567", keys, "UA", null)).toEqual({ use: false, why: "deleted in the CRM" });
    expect(checkLinkedRecord(record({ kind: "lead", converted: true }), "phone:+380671234567", keys, "UA", null)).toEqual({ use: false, why: "converted in the CRM" });
  });
});

describe.each(["pipedrive", "zoho"] as const)("links verified on use in %s", (crm) => {
  let env: Awaited<ReturnType<typeof setUp>>;
  beforeAll(async () => {
    env = await setUp(crm, "links");
  });
  afterAll(() => env.sandbox.server.close());

  const traceOf = async (id: string) => (await env.event(id)).trace as unknown as TraceEntry[];
  const linkedContact = async (phone: string) => (await findLinks(env.project.id, crm, [`phone:${phone}`])).get(`contact|phone:${phone}`);

  it("a number moved to another contact in the CRM: the next call goes to the new holder, with no new contact", async () => {
    const number = "+380507770001";
    await runDeliveries({ projectId: env.project.id, deadlineMs: 1 });
    const first = await env.call(number);
    await runDeliveries({ projectId: env.project.id });
    expect((await env.event(first)).status).toBe("delivered");
    const a = (await linkedContact(number))!;
    expect(a).toBeTruthy();
    // In the CRM: the number goes from A to a new contact B; A is kept with another number.
    const connector = createConnector(env.credentials);
    await connector.update("contact", a, { phones: ["+380507770099"] });
    const b = (await connector.create("contact", { name: "Bohdan Moved", phones: ["050 777 00 01"] })).id;
    const contacts = await env.count(MODULES[crm].contacts);

    const second = await env.call(number);
    await runDeliveries({ projectId: env.project.id });
    expect((await env.event(second)).status).toBe("delivered");
    const trace = await traceOf(second);
    expect(trace.map((entry) => entry.detail)).toEqual(expect.arrayContaining([`contact ${a} (link cache)`, `contact ${a}: no longer holds ${number}, link not used`]));
    expect(trace.some((entry) => entry.op === "search" && entry.detail.startsWith("contact by phone"))).toBe(true);
    expect(await env.count(MODULES[crm].contacts)).toBe(contacts);
    expect(await linkedContact(number)).toBe(b);
  });

  it("a repeat caller whose record is unchanged costs one CRM read and no search", async () => {
    const number = "+380507770002";
    await env.call(number);
    await runDeliveries({ projectId: env.project.id });
    const again = await env.call(number);
    await runDeliveries({ projectId: env.project.id });
    const reads = (await traceOf(again)).filter((entry) => entry.op === "get" || entry.op === "search");
    expect(reads.filter((entry) => entry.op === "search")).toEqual([]);
    expect(reads.filter((entry) => entry.detail.startsWith("contact "))).toHaveLength(1);
  });
});
