// Records that change under the connector, as Zoho changes them: deleted (Recycle Bin), converted leads,
// numbers kept in any of the phone fields. The sandbox over real HTTP is the CRM; the lifecycle calls
// are made as a Zoho user's integration would make them (DELETE, actions/convert).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isPermanentError } from "@/lib/errors";
import { openSandbox, zohoCredentials, type SandboxHandle } from "@/testing/sandbox";
import type { ZohoCredentials } from "../types";
import { ZohoConnector } from "./connector";

let sandbox: SandboxHandle;
let credentials: ZohoCredentials;
let token: string;

/** A raw call to the sandbox's Zoho API with the connector's token, for what a CRM user does by hand. */
async function zohoApi(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${credentials.apiDomain}/crm/v8${path}`, {
    method,
    headers: { authorization: `Zoho-oauthtoken ${token}`, ...(body ? { "content-type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

beforeAll(async () => {
  sandbox = await openSandbox("zoho", "zoho-lifecycle");
  credentials = await zohoCredentials(sandbox);
  const grant = await fetch(`${credentials.accountsUrl}/oauth/v2/token`, {
    method: "POST",
    body: new URLSearchParams({ grant_type: "refresh_token", client_id: credentials.clientId, client_secret: credentials.clientSecret, refresh_token: credentials.refreshToken }),
  });
  token = ((await grant.json()) as { access_token: string }).access_token;
});
afterAll(() => sandbox.server.close());

describe("Zoho sandbox and connector: deleted records", () => {
  it("DELETE answers per record; the record then reads as none (204) and is never found by search", async () => {
    const zoho = new ZohoConnector(credentials);
    const { id } = await zoho.create("contact", { name: "Gone Soon", phones: ["0661234001"] });
    expect((await zoho.searchPhoneCandidates("contact", "661234001")).map((record) => record.id)).toEqual([id]);

    const deleted = await zohoApi("DELETE", `/Contacts/${id}`);
    expect(deleted).toEqual({ status: 200, body: { data: [{ code: "SUCCESS", details: { id }, message: "record deleted", status: "success" }] } });
    expect((await zohoApi("GET", `/Contacts/${id}`)).status).toBe(204);

    expect(await zoho.get("contact", id)).toBeNull();
    expect(await zoho.searchPhoneCandidates("contact", "661234001")).toEqual([]);
    expect(await zoho.searchByPhone("contact", ["0661234001"])).toEqual([]);
  });

  it("DELETE ?ids= answers each id, a wrong one with Zoho's INVALID_DATA", async () => {
    const zoho = new ZohoConnector(credentials);
    const first = await zoho.create("contact", { name: "Mass One" });
    const second = await zoho.create("contact", { name: "Mass Two" });
    const answer = await zohoApi("DELETE", `/Contacts?ids=${first.id},${second.id},5725767000999999999`);
    expect(answer.status).toBe(202);
    expect(answer.body).toEqual({
      data: [
        { code: "SUCCESS", details: { id: first.id }, message: "record deleted", status: "success" },
        { code: "SUCCESS", details: { id: second.id }, message: "record deleted", status: "success" },
        { code: "INVALID_DATA", details: { id: "5725767000999999999" }, message: "the id given seems to be invalid", status: "error" },
      ],
    });
    expect(await zoho.get("contact", second.id)).toBeNull();
  });
});

describe("Zoho sandbox and connector: converted leads", () => {
  it("convert answers the new ids; the lead then shows convertedTo, is read-only and is left out of search", async () => {
    const zoho = new ZohoConnector(credentials);
    const lead = await zoho.create("lead", { name: "Olha Converted", phones: ["0671234002"], emails: ["olha@example.com"], fields: { Client_ID: "GA1.2.777", Company: "Olha's Bakery" } });
    expect((await zoho.searchPhoneCandidates("lead", "671234002")).map((record) => record.id)).toEqual([lead.id]);

    const converted = await zohoApi("POST", `/Leads/${lead.id}/actions/convert`, {
      data: [{ overwrite: true, notify_lead_owner: false, notify_new_entity_owner: false, Deals: { Deal_Name: "Olha — first order", Stage: "Qualification" } }],
    });
    expect(converted.status).toBe(200);
    const [result] = (converted.body as { data: Array<{ code: string; message: string; status: string; details: Record<string, { id: string; name: string }> }> }).data;
    expect(result).toMatchObject({ code: "SUCCESS", status: "success", message: "The record has been converted successfully" });
    const { Contacts: contact, Accounts: account, Deals: deal } = result!.details;
    expect([contact?.id, account?.id, deal?.id].every((id) => /^\d+$/.test(id ?? ""))).toBe(true);

    expect(await zoho.get("lead", lead.id)).toMatchObject({ converted: true, convertedTo: { contactId: contact!.id, organizationId: account!.id, dealId: deal!.id } });
    // The contact the lead became carries its phone and e-mail.
    expect(await zoho.get("contact", contact!.id)).toMatchObject({ name: "Olha Converted", phones: ["0671234002"], emails: ["olha@example.com"] });

    expect(await zoho.searchPhoneCandidates("lead", "671234002")).toEqual([]);
    expect(await zoho.searchByPhone("lead", ["0671234002"])).toEqual([]);
    expect(await zoho.searchByEmail("lead", "olha@example.com")).toEqual([]);
    expect(await zoho.searchByField("lead", "Client_ID", "GA1.2.777")).toEqual([]);

    const refused = await zoho.update("lead", lead.id, { name: "Still Lead" }).catch((error: unknown) => error);
    expect(isPermanentError(refused)).toBe(true);
    expect((refused as Error).message).toMatch(/converted/);
    // A second conversion is refused as Zoho refuses it.
    const again = await zohoApi("POST", `/Leads/${lead.id}/actions/convert`, { data: [{ overwrite: true }] });
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({ data: [{ code: "ID_ALREADY_CONVERTED", status: "error" }] });
  });

  it("a conversion without Deals, of a lead without a company, makes a contact only", async () => {
    const zoho = new ZohoConnector(credentials);
    const lead = await zoho.create("lead", { name: "No Deal", phones: ["0671234003"] });
    const converted = await zohoApi("POST", `/Leads/${lead.id}/actions/convert`, { data: [{ overwrite: true }] });
    const details = (converted.body as { data: Array<{ details: Record<string, { id: string } | null> }> }).data[0]!.details;
    expect([details.Accounts, details.Deals]).toEqual([null, null]);
    const read = await zoho.get("lead", lead.id);
    expect(read).toMatchObject({ converted: true, convertedTo: { contactId: details.Contacts!.id } });
    expect(read!.convertedTo).toEqual({ contactId: details.Contacts!.id });
  });

  it("an open lead is found by phone, e-mail and client id like a contact", async () => {
    const zoho = new ZohoConnector(credentials);
    const lead = await zoho.create("lead", { name: "Open Lead", phones: ["0671234004"], emails: ["open.lead@example.com"], fields: { Client_ID: "GA1.2.888" } });
    expect((await zoho.searchPhoneCandidates("lead", "671234004")).map((record) => [record.id, record.converted])).toEqual([[lead.id, false]]);
    expect((await zoho.searchByEmail("lead", "open.lead@example.com")).map((record) => record.id)).toEqual([lead.id]);
    expect((await zoho.searchByField("lead", "Client_ID", "GA1.2.888")).map((record) => record.id)).toEqual([lead.id]);
  });
});

describe("Zoho sandbox and connector: every phone field", () => {
  it("serves the phone fields of each module from settings/fields", async () => {
    const zoho = new ZohoConnector(credentials);
    const phoneFields = async (entity: "contact" | "lead") => (await zoho.listFields(entity)).filter((field) => field.type === "phone").map((field) => field.key);
    expect(await phoneFields("contact")).toEqual(["Phone", "Mobile", "Home_Phone", "Other_Phone", "Asst_Phone"]);
    expect(await phoneFields("lead")).toEqual(["Phone", "Mobile"]);
  });

  it("finds a contact whose number is only in Mobile, or only in Other_Phone, and lists every phone", async () => {
    const zoho = new ZohoConnector(credentials);
    const mobileOnly = await zoho.create("contact", { name: "Mobile Only", fields: { Mobile: "063 555 00 11" } });
    const otherOnly = await zoho.create("contact", { name: "Other Only", fields: { Other_Phone: "(063) 555-00-22", Asst_Phone: "044 000 00 01" } });
    expect((await zoho.searchPhoneCandidates("contact", "635550011")).map((record) => record.id)).toEqual([mobileOnly.id]);
    const [other] = await zoho.searchPhoneCandidates("contact", "635550022");
    expect(other).toMatchObject({ id: otherOnly.id, phones: ["(063) 555-00-22", "044 000 00 01"] });
    expect((await zoho.searchByPhone("contact", ["0635550022"])).map((record) => record.id)).toEqual([otherOnly.id]);
    expect((await zoho.get("contact", otherOnly.id))!.phones).toEqual(["(063) 555-00-22", "044 000 00 01"]);
  });
});
