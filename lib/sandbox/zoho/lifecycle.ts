// What happens to Zoho records after they are written, as the sandbox emulates it: deletion into the
// Recycle Bin (https://www.zoho.com/crm/developer/docs/api/v8/delete-records.html) and lead conversion
// (https://www.zoho.com/crm/developer/docs/api/v8/convert-lead.html). The answer shapes are the ones
// Zoho's own SDK parses (convert_lead/success_response: details {Contacts, Accounts, Deals} as records).
import { deleteSandboxRecord, getSandboxRecord, insertSandboxRecord, nextSandboxIds, replaceSandboxRecordData } from "@/lib/db/queries/sandbox";
import type { SandboxCall } from "../context";
import { json, readJson } from "../http";
import { loadAccountData, prepareRecord, type ZohoModule } from "./records";
import { zohoId, zohoModuleId } from "./seed";
import { type StoredJson } from "@/lib/db/json";

const MAX_IDS_PER_DELETE = 100;
const zohoTime = (date = new Date()) => `${date.toISOString().slice(0, 19)}+00:00`;
const topError = (status: number, code: string, message: string, details: Record<string, unknown> = {}) => json({ code, details, message, status: "error" }, status);
const recordError = (code: string, message: string, details: Record<string, unknown>) => ({ code, details, message, status: "error" as const });
const invalidId = (id: string) => recordError("INVALID_DATA", "the id given seems to be invalid", { id });

/** 200 when every record succeeded, 400 when none did, 202 for a mix (as the sandbox's writes answer). */
function perRecord(results: Array<{ status: string }>): Response {
  const failed = results.filter((result) => result.status === "error").length;
  return json({ data: results }, failed === 0 ? 200 : failed === results.length ? 400 : 202);
}

const idOf = (value: unknown): string | null => {
  if (typeof value === "string" || typeof value === "number") return String(value);
  if (value && typeof value === "object" && "id" in value) return String((value as { id: unknown }).id);
  return null;
};

async function actorOf(accountId: string) {
  const meta = await loadAccountData(accountId, "Leads");
  return { id: meta.users[0]!.id, name: meta.users[0]!.full_name };
}

/**
 * DELETE /{Module}/{id} and DELETE /{Module}?ids=a,b: each record goes to the Recycle Bin (a row the
 * deleted-records API lists) and is gone from reads and search; a wrong id answers INVALID_DATA.
 */
export async function deleteRecords(call: SandboxCall, module: ZohoModule, pathId: string | null): Promise<Response> {
  const ids = pathId ? [pathId] : (call.url.searchParams.get("ids") ?? "").split(",").map((id) => id.trim()).filter(Boolean);
  if (ids.length === 0) return topError(400, "REQUIRED_PARAM_MISSING", "One of the expected parameter is missing", { param_name: "ids" });
  if (ids.length > MAX_IDS_PER_DELETE) return topError(400, "LIMIT_EXCEEDED", "the number of records exceeds the limit", { limit: MAX_IDS_PER_DELETE });
  const actor = await actorOf(call.account.id);
  const results = [];
  for (const id of ids) {
    const row = await getSandboxRecord(call.account.id, module, id);
    if (!row) {
      results.push(invalidId(id));
      continue;
    }
    const data = row.data as Record<string, unknown>;
    await deleteSandboxRecord(call.account.id, module, id);
    const display = String(data.Full_Name ?? data.Deal_Name ?? data.Account_Name ?? data.Subject ?? "");
    await insertSandboxRecord(call.account.id, `deleted:${module}`, id, {
      id,
      display_name: display,
      type: "recycle",
      module: { api_name: module, id: zohoModuleId(module) },
      deleted_by: actor,
      created_by: (data.Created_By) ?? null,
      deleted_time: zohoTime(),
    });
    results.push({ code: "SUCCESS", details: { id }, message: "record deleted", status: "success" });
  }
  return perRecord(results);
}

/** GET /{Module}/deleted: the Recycle Bin (type=all|recycle; nothing is ever purged here). */
export async function listDeleted(call: SandboxCall, rows: Array<{ data: StoredJson }>): Promise<Response> {
  const type = call.url.searchParams.get("type") ?? "all";
  const data = type === "permanent" ? [] : rows.map((row) => row.data);
  if (data.length === 0) return new Response(null, { status: 204 });
  return json({ data, info: { per_page: 200, count: data.length, page: 1, more_records: false } });
}

interface ConvertInput {
  overwrite?: boolean;
  notify_lead_owner?: boolean;
  notify_new_entity_owner?: boolean;
  Accounts?: unknown;
  Contacts?: unknown;
  assign_to?: unknown;
  Deals?: Record<string, unknown> | null;
}

/** Lead fields a conversion carries into the contact (standard mapping, plus custom fields of the same name). */
const CONTACT_FROM_LEAD = ["First_Name", "Last_Name", "Email", "Phone", "Mobile", "Description", "Lead_Source"];

/**
 * POST /Leads/{id}/actions/convert: a contact (new, or the one named in Contacts), an account from the
 * lead's Company (or the one named in Accounts; none without either) and, when Deals is given, a deal.
 * The lead stays, `$converted: true` with `$converted_detail` naming what it became, and refuses updates.
 */
export async function convertLead(call: SandboxCall, leadId: string): Promise<Response> {
  const accountId = call.account.id;
  const body = (await readJson(call.request)) as { data?: unknown } | null;
  if (body !== null && body.data !== undefined && (!Array.isArray(body.data) || body.data.length !== 1)) {
    return topError(400, "INVALID_DATA", "invalid data", { expected_data_type: "jsonarray", api_name: "data" });
  }
  const input = ((Array.isArray(body?.data) ? body.data[0] : {}) ?? {}) as ConvertInput;
  const leadRow = await getSandboxRecord(accountId, "Leads", leadId);
  if (!leadRow) return perRecord([invalidId(leadId)]);
  const lead = leadRow.data as Record<string, unknown>;
  if (lead.$converted === true) return perRecord([recordError("ID_ALREADY_CONVERTED", "id already converted", { id: leadId })]);

  const [contactMeta, accountMeta, dealMeta] = await Promise.all([loadAccountData(accountId, "Contacts"), loadAccountData(accountId, "Accounts"), loadAccountData(accountId, "Deals")]);
  const ownerId = idOf(input.assign_to) ?? idOf(lead.Owner);
  const owner = ownerId ? { id: ownerId } : undefined;
  if (ownerId && !contactMeta.users.some((user) => user.id === ownerId)) return perRecord([recordError("INVALID_DATA", "invalid data", { api_name: "assign_to" })]);

  // Existing records named in the request must exist; everything is checked before anything is written.
  const existing = async (module: string, value: unknown, apiName: string) => {
    const id = idOf(value);
    if (!id) return { id: null };
    const row = await getSandboxRecord(accountId, module, id);
    return row ? { id, data: row.data as Record<string, unknown> } : { error: recordError("INVALID_DATA", "invalid data", { api_name: apiName, id }) };
  };
  const givenAccount = await existing("Accounts", input.Accounts, "Accounts");
  const givenContact = await existing("Contacts", input.Contacts, "Contacts");
  for (const given of [givenAccount, givenContact]) if ("error" in given && given.error) return perRecord([given.error]);

  const newAccount = !givenAccount.id && typeof lead.Company === "string" && lead.Company.trim() ? await prepareRecord("Accounts", { Account_Name: lead.Company, ...(owner ? { Owner: owner } : {}) }, accountMeta, null) : null;
  if (newAccount && "error" in newAccount) return perRecord([newAccount.error]);

  const carried = Object.fromEntries(
    Object.entries(lead).filter(([key, value]) => value !== null && value !== undefined && (CONTACT_FROM_LEAD.includes(key) || (contactMeta.fields.some((field) => field.api_name === key && field.custom_field) && !key.startsWith("$")))),
  );
  const contactInput = { ...carried, ...(owner ? { Owner: owner } : {}) };
  // Checked before anything is written: the contact (new, or the given one overwritten with the lead's
  // values when `overwrite` is true) and the deal. Lookups to the records made here are set afterwards.
  const contact = givenContact.id && !input.overwrite ? { record: { ...givenContact.data } as Record<string, unknown> } : await prepareRecord("Contacts", contactInput, contactMeta, givenContact.data ?? null);
  if ("error" in contact) return perRecord([contact.error]);
  const deal = input.Deals ? await prepareRecord("Deals", { ...input.Deals, ...(owner && !input.Deals.Owner ? { Owner: owner } : {}) }, dealMeta, null) : null;
  if (deal && "error" in deal) return perRecord([deal.error]);

  const now = zohoTime();
  const actor = await actorOf(accountId);
  const stamp = (id: string, record: Record<string, unknown>) => ({ Owner: lead.Owner, ...record, id, Created_Time: now, Modified_Time: now, Created_By: actor, Modified_By: actor });
  const ids = await nextSandboxIds(accountId, 3);

  let accountRef: { id: string; name: string } | null = givenAccount.id ? { id: givenAccount.id, name: String(givenAccount.data?.Account_Name ?? "") } : null;
  if (!accountRef && newAccount && "record" in newAccount) {
    accountRef = { id: zohoId(ids), name: String(newAccount.record.Account_Name) };
    await insertSandboxRecord(accountId, "Accounts", accountRef.id, stamp(accountRef.id, newAccount.record));
  }
  const contactRecord: Record<string, unknown> = { ...contact.record, ...(accountRef ? { Account_Name: accountRef } : {}) };
  const contactRef = { id: givenContact.id ?? zohoId(ids + 1), name: String(contactRecord.Full_Name ?? "") };
  if (givenContact.id) await replaceSandboxRecordData(accountId, "Contacts", contactRef.id, { ...contactRecord, Modified_Time: now, Modified_By: actor });
  else await insertSandboxRecord(accountId, "Contacts", contactRef.id, stamp(contactRef.id, contactRecord));
  let dealRef: { id: string; name: string } | null = null;
  if (deal) {
    dealRef = { id: zohoId(ids + 2), name: String(deal.record.Deal_Name ?? "") };
    await insertSandboxRecord(accountId, "Deals", dealRef.id, stamp(dealRef.id, { ...deal.record, Contact_Name: contactRef, ...(accountRef ? { Account_Name: accountRef } : {}) }));
  }

  await replaceSandboxRecordData(accountId, "Leads", leadId, {
    ...lead,
    $converted: true,
    $converted_detail: { convert_date: now.slice(0, 10), converted_by: actor, contact: contactRef, account: accountRef, deal: dealRef },
    Modified_Time: now,
    Modified_By: actor,
  });
  return json({ data: [{ code: "SUCCESS", details: { Contacts: contactRef, Accounts: accountRef, Deals: dealRef }, message: "The record has been converted successfully", status: "success" }] });
}
