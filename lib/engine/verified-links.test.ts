// Links are hints (F6): a record the link cache names is read back and checked before a delivery uses it.
// Users change the CRM under Callbridge's feet; each case here is done in the sandbox through the CRM's own
// API, then a call from the same number must reach the right record without a duplicate.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig, saveConfigSection } from "@/lib/config/service";
import { createConnector } from "@/lib/connectors/registry";
import { db } from "@/lib/db/client";
import { findLinks } from "@/lib/db/queries/links";
import type { CrmRecord, PipedriveCredentials, ZohoCredentials } from "@/lib/connectors/types";
import { MODULES, setUp } from "@/testing/delivery-env";
import type { TraceEntry } from "./trace";
import { checkLinkedRecord } from "./link-check";
import { words } from "@/lib/i18n/words";
import { runDeliveries } from "./drain";

const record = (patch: Partial<CrmRecord>): CrmRecord => ({
  kind: "contact", id: "A", name: "Olena", ownerId: null, phones: ["067 123 45 67"], emails: ["olena@example.com"], organizationId: null, contactId: null,
  pipelineId: null, stageId: null, open: true, converted: false, fields: { cid: "GA1.2.3" }, ...patch,
});
const WHO = { userId: null, actor: "test" };
const keys = { phone: "+380671234567", email: "olena@example.com", clientId: "GA1.2.3" };

describe("checkLinkedRecord", () => {
  it("uses a live record that still holds the key, in any stored format", () => {
    expect(checkLinkedRecord(record({}), "phone:+380671234567", keys, "UA", "cid")).toEqual({ use: true });
    expect(checkLinkedRecord(record({ phones: ["+380 50 000 00 00", "+38 (067) 123-45-67"] }), "phone:+380671234567", keys, "UA", "cid")).toEqual({ use: true });
    expect(checkLinkedRecord(record({ emails: ["Olena@Example.com"] }), "email:olena@example.com", keys, "UA", "cid")).toEqual({ use: true });
  });
  it("refuses a record that no longer holds the number, e-mail or client id it was linked by", () => {
    expect(checkLinkedRecord(record({ phones: ["067 123 45 68"] }), "phone:+380671234567", keys, "UA", "cid")).toMatchObject({ use: false, why: words("link.why.lost", { value: "+380671234567" }) });
    expect(checkLinkedRecord(record({ emails: [] }), "email:olena@example.com", keys, "UA", "cid").use).toBe(false);
    expect(checkLinkedRecord(record({ fields: { cid: "GA9" } }), "client:GA1.2.3", keys, "UA", "cid").use).toBe(false);
  });
  it("follows a merge to the survivor; refuses deleted records", () => {
    expect(checkLinkedRecord(record({ inactive: true, successorId: "B" }), "phone:+380671234567", keys, "UA", null)).toEqual({ use: false, follow: "B", why: words("link.why.merged", { id: "B" }) });
    expect(checkLinkedRecord(record({ inactive: true }), "phone:+380671234567", keys, "UA", null)).toEqual({ use: false, why: words("link.why.deleted") });
    // A converted lead is kept (decide leaves it alone; its contact takes the delivery).
    expect(checkLinkedRecord(record({ kind: "lead", converted: true }), "phone:+380671234567", keys, "UA", null)).toEqual({ use: true });
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

  it("a repeat client with an open lead gets no second lead, even when the link cache is gone (found by phone)", async () => {
    const config = await loadConfig(env.project.id);
    await saveConfigSection(env.project, "matrix", config.matrix.map((row) => (row.trigger === "form" ? { ...row, lead: "create", contact: "create", deal: "none" } : row)), WHO);
    const leadsModule = crm === "zoho" ? "Leads" : "leads";
    const first = await env.form({ name: "Roman Lead", tel: "0507770006" });
    await runDeliveries({ projectId: env.project.id });
    expect((await env.event(first)).status).toBe("delivered");
    const leads = await env.count(leadsModule);
    // Another installation, or links lost: only the CRM's search can know the lead.
    await db().entityLink.deleteMany({ where: { projectId: env.project.id } });
    const second = await env.form({ name: "Roman Lead", tel: "+380 50 777 00 06" });
    await runDeliveries({ projectId: env.project.id });
    expect((await env.event(second)).status).toBe("delivered");
    expect(await env.count(leadsModule)).toBe(leads);
    expect((await traceOf(second)).some((entry) => entry.op === "create" && entry.detail.includes("lead"))).toBe(false);
    await saveConfigSection(env.project, "matrix", config.matrix, WHO);
  });

  it.runIf(crm === "zoho")("a lead converted in the CRM is left alone; the contact it became takes the next form, and no second lead is made", async () => {
    const config = await loadConfig(env.project.id);
    await saveConfigSection(env.project, "matrix", config.matrix.map((row) => (row.trigger === "form" ? { ...row, lead: "create", contact: "none", deal: "none" } : row)), WHO);
    const first = await env.form({ name: "Lesia Converted", tel: "0507770003" });
    await runDeliveries({ projectId: env.project.id });
    expect((await env.event(first)).status).toBe("delivered");
    const lead = (await findLinks(env.project.id, crm, ["phone:+380507770003"])).get("lead|phone:+380507770003")!;
    // In Zoho: the sales rep converts the lead into a contact, an account and a deal.
    const credentials = env.credentials as ZohoCredentials;
    const grant = await fetch(`${credentials.accountsUrl}/oauth/v2/token`, { method: "POST", body: new URLSearchParams({ grant_type: "refresh_token", client_id: credentials.clientId, client_secret: credentials.clientSecret, refresh_token: credentials.refreshToken }) });
    const token = ((await grant.json()) as { access_token: string }).access_token;
    const converted = await fetch(`${credentials.apiDomain}/crm/v8/Leads/${lead}/actions/convert`, { method: "POST", headers: { authorization: `Zoho-oauthtoken ${token}`, "content-type": "application/json" }, body: JSON.stringify({ data: [{ overwrite: true, Deals: { Deal_Name: "Lesia's deal", Stage: "Qualification" } }] }) });
    expect(converted.status).toBe(200);
    const contactId = ((await converted.json()) as { data: Array<{ details: { Contacts: { id: string } } }> }).data[0]!.details.Contacts.id;
    // The rep also tidies the contact's number into a field Callbridge does not search, so only the
    // conversion itself leads to it.
    await createConnector(env.credentials).update("contact", contactId, { fields: { Phone: "", Description: "was 050 777 00 03" } });
    const leads = await env.count("Leads");

    const second = await env.form({ name: "Lesia Converted", tel: "0507770003" });
    await runDeliveries({ projectId: env.project.id });
    const event = await env.event(second);
    expect(event.status).toBe("delivered");
    expect(event.reason).toMatch(/lead: converted in the CRM, left alone/);
    expect(await env.count("Leads")).toBe(leads);
    expect(((await traceOf(second)).map((entry) => entry.detail))).toContain(`contact ${contactId} (the converted lead's)`);
    expect(await linkedContact("+380507770003")).toBe(contactId);
    await saveConfigSection(env.project, "matrix", config.matrix, WHO);
  });

  it.runIf(crm === "pipedrive")("a person deleted (still readable) or merged away in Pipedrive is never written to: the next call goes to the live holder of the number", async () => {
    const credentials = env.credentials as PipedriveCredentials;
    const api = (method: string, path: string, body?: unknown) =>
      fetch(`${credentials.apiBase}${path}`, { method, headers: { "x-api-token": (credentials as { apiToken: string }).apiToken, "content-type": "application/json" }, body: body ? JSON.stringify(body) : undefined });
    // Deleted: Pipedrive keeps the person readable for 30 days (is_deleted), but nobody may link to it.
    const deletedNumber = "+380507770004";
    await env.call(deletedNumber);
    await runDeliveries({ projectId: env.project.id });
    const deleted = (await linkedContact(deletedNumber))!;
    expect((await api("DELETE", `/api/v2/persons/${deleted}`)).status).toBe(200);
    const afterDelete = await env.call(deletedNumber);
    await runDeliveries({ projectId: env.project.id });
    expect((await traceOf(afterDelete)).map((entry) => entry.detail)).toContain(`contact ${deleted}: deleted in the CRM, link not used`);
    const replacement = await linkedContact(deletedNumber);
    expect(replacement).not.toBe(deleted);

    // Merged: the rep merges the caller's person into another one, which keeps the caller's number.
    const mergedNumber = "+380507770005";
    await env.call(mergedNumber);
    await runDeliveries({ projectId: env.project.id });
    const mergedAway = (await linkedContact(mergedNumber))!;
    const survivor = (await createConnector(env.credentials).create("contact", { name: "Survivor", phones: ["050 000 11 22"] })).id;
    expect((await api("PUT", `/api/v1/persons/${mergedAway}/merge`, { merge_with_id: Number(survivor) })).status).toBe(200);
    const contacts = await env.count(MODULES[crm].contacts);
    const afterMerge = await env.call(mergedNumber);
    await runDeliveries({ projectId: env.project.id });
    expect((await env.event(afterMerge)).status).toBe("delivered");
    expect(await linkedContact(mergedNumber)).toBe(survivor);
    expect(await env.count(MODULES[crm].contacts)).toBe(contacts);
    const log = (await env.records(MODULES[crm].calls)).at(-1)!.data as Record<string, unknown>;
    expect(String(log.person_id)).toBe(survivor);
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
