// The Zoho CRM v8 API subset of the sandbox (crm-apis.md): same paths, parameters, status codes,
// envelopes and error bodies as https://www.zoho.com/crm/developer/docs/api/v8/
import {
  countSandboxFiles,
  findAccountOfToken,
  getSandboxRecord,
  insertSandboxFile,
  insertSandboxRecord,
  listRecordFiles,
  listSandboxRecords,
  nextSandboxIds,
  replaceSandboxRecordData,
} from "@/lib/db/queries/sandbox";
import type { SandboxAccountRow as SandboxAccount } from "@/lib/db/queries/sandbox";
import type { SandboxRequest } from "../context";
import { readFaults } from "../faults";
import { empty, json, match, readJson, type Route } from "../http";
import { phoneContains, phoneEquals } from "../phone-match";
import { convertLead, deleteRecords, listDeleted } from "./lifecycle";
import { isZohoModule, loadAccountData, prepareRecord, ZOHO_MODULES, type RecordError, type ZohoModule } from "./records";
import { zohoId, zohoModuleId } from "./seed";

interface ZohoCall extends SandboxRequest {
  account: SandboxAccount;
}

const error = (status: number, code: string, message: string, details: Record<string, unknown> = {}) => json({ code, details, message, status: "error" }, status);
const invalidModule = () => error(400, "INVALID_MODULE", "the module name given seems to be invalid", { resource_path_index: 0 });
const MAX_PER_PAGE = 200;
const MAX_RECORDS_PER_WRITE = 100;
const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

const zohoTime = (date = new Date()) => `${date.toISOString().slice(0, 19)}+00:00`;

/** The caller's access token (`Authorization: Zoho-oauthtoken …`) decides the account. */
export async function authenticateZoho(request: Request): Promise<SandboxAccount | Response> {
  const header = request.headers.get("authorization") ?? "";
  const token = /^Zoho-oauthtoken\s+(\S+)$/i.exec(header)?.[1];
  const account = token ? await findAccountOfToken(token, "access") : null;
  if (!account) return error(401, "INVALID_TOKEN", "invalid oauth token");
  return account;
}

export const zohoBusy = () => error(429, "TOO_MANY_REQUESTS", "The number of requests sent has exceeded the limit. Please try again later.");
export const zohoServerError = (status: number) => error(status, "INTERNAL_ERROR", "Internal Server Error");

function pageParams(url: URL): { page: number; perPage: number } | Response {
  const page = Number(url.searchParams.get("page") ?? "1");
  const perPage = Number(url.searchParams.get("per_page") ?? String(MAX_PER_PAGE));
  if (!Number.isInteger(page) || page < 1) return error(400, "INVALID_DATA", "invalid data", { param_name: "page" });
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > MAX_PER_PAGE) return error(400, "INVALID_DATA", "invalid data", { param_name: "per_page", maximum_length: MAX_PER_PAGE });
  return { page, perPage };
}

/** Zoho answers every field of the module, with null for the empty ones. */
async function completeRecords(accountId: string, module: string, records: Array<Record<string, unknown>>): Promise<Array<Record<string, unknown>>> {
  const row = await getSandboxRecord(accountId, `fields:${module}`, module);
  const names = (((row?.data as { fields?: Array<{ api_name: string }> })?.fields ?? []) as Array<{ api_name: string }>).map((field) => field.api_name);
  return records.map((record) => ({ ...Object.fromEntries(names.map((name) => [name, null])), ...record }));
}

function paged(records: Array<Record<string, unknown>>, page: number, perPage: number): Response {
  if (records.length === 0) return empty(204);
  const slice = records.slice((page - 1) * perPage, page * perPage);
  if (slice.length === 0) return empty(204);
  return json({ data: slice, info: { per_page: perPage, count: slice.length, page, more_records: records.length > page * perPage } });
}

/** Phone-type and email-type fields of a module, from its field metadata. */
async function fieldsOfType(accountId: string, module: string, type: string): Promise<string[]> {
  const row = await getSandboxRecord(accountId, `fields:${module}`, module);
  return (((row?.data as { fields?: Array<{ api_name: string; data_type: string }> })?.fields ?? []) as Array<{ api_name: string; data_type: string }>)
    .filter((field) => field.data_type === type)
    .map((field) => field.api_name);
}

type Condition = { field: string; operator: string; value: string };

/** criteria=(A:equals:x) or ((A:equals:x)and(B:starts_with:y)) / …or…; backslash escapes ( ) , \ in values. */
function parseCriteria(criteria: string): { joiner: "and" | "or"; conditions: Condition[] } | null {
  const trimmed = criteria.trim();
  const inner = trimmed.startsWith("((") ? trimmed.slice(1, -1) : trimmed;
  const groups: string[] = [];
  const joiners = new Set<string>();
  let depth = 0;
  let group = "";
  let between = "";
  for (let index = 0; index < inner.length; index++) {
    const char = inner[index]!;
    if (char === "\\" && depth > 0) {
      group += inner.slice(index, index + 2);
      index++;
      continue;
    }
    if (depth === 0 && char !== "(") {
      between += char;
      continue;
    }
    if (char === "(") {
      if (depth === 0 && between.trim()) joiners.add(between.trim().toLowerCase());
      if (depth === 0) between = "";
      depth++;
    }
    group += char;
    if (char === ")") {
      depth--;
      if (depth === 0) {
        groups.push(group);
        group = "";
      }
    }
  }
  if (depth !== 0 || between.trim() || joiners.size > 1 || [...joiners].some((joiner) => joiner !== "and" && joiner !== "or")) return null;
  const conditions: Condition[] = [];
  for (const part of groups) {
    const [field, operator, ...rest] = part.slice(1, -1).split(/(?<!\\):/);
    if (!field || !operator || rest.length === 0) return null;
    conditions.push({ field: field.trim(), operator: operator.trim(), value: rest.join(":").replace(/\\(.)/g, "$1") });
  }
  return conditions.length ? { joiner: ([...joiners][0] ?? "and") as "and" | "or", conditions } : null;
}

function conditionHolds(record: Record<string, unknown>, condition: Condition, phoneFields: string[]): boolean {
  const raw = record[condition.field];
  const value = raw && typeof raw === "object" && "id" in raw ? String((raw as { id: unknown }).id) : raw === null || raw === undefined ? "" : String(raw);
  // The vendor documents that `equals` on phone fields in criteria acts as "contains" on the digits.
  if (phoneFields.includes(condition.field)) return condition.operator === "equals" || condition.operator === "starts_with" ? phoneContains(value, condition.value) : false;
  const left = value.toLowerCase();
  const right = condition.value.toLowerCase();
  switch (condition.operator) {
    case "equals":
      return left === right;
    case "not_equal":
      return left !== right;
    case "starts_with":
      return left.startsWith(right);
    case "in":
      return right.split(",").includes(left);
    default:
      return false;
  }
}

async function search(call: ZohoCall, module: ZohoModule): Promise<Response> {
  const params = call.url.searchParams;
  const paging = pageParams(call.url);
  if (paging instanceof Response) return paging;
  const phoneFields = await fieldsOfType(call.account.id, module, "phone");
  const emailFields = await fieldsOfType(call.account.id, module, "email");
  let predicate: (record: Record<string, unknown>) => boolean;
  const criteria = params.get("criteria");
  const email = params.get("email");
  const phone = params.get("phone");
  const word = params.get("word");
  if (criteria !== null) {
    const parsed = parseCriteria(criteria);
    if (!parsed) return error(400, "INVALID_QUERY", "invalid query formed", { reason: "invalid criteria", param_name: "criteria" });
    predicate = (record) => (parsed.joiner === "and" ? parsed.conditions.every((c) => conditionHolds(record, c, phoneFields)) : parsed.conditions.some((c) => conditionHolds(record, c, phoneFields)));
  } else if (email !== null) {
    predicate = (record) => emailFields.some((field) => typeof record[field] === "string" && (record[field] as string).toLowerCase() === email.trim().toLowerCase());
  } else if (phone !== null) {
    if (phone.replace(/\D/g, "").length < 2) return error(400, "INVALID_DATA", "the given phone must have at least 2 characters", { param_name: "phone" });
    if (/[^\d+\-. ]/.test(phone)) return error(400, "INVALID_DATA", "special characters are not allowed in the phone parameter", { param_name: "phone" });
    predicate = (record) => phoneFields.some((field) => typeof record[field] === "string" && phoneEquals(record[field] as string, phone));
  } else if (word !== null) {
    if (word.trim().length < 2) return error(400, "INVALID_DATA", "the given word must have at least 2 characters", { param_name: "word" });
    predicate = (record) => Object.values(record).some((value) => typeof value === "string" && value.toLowerCase().includes(word.trim().toLowerCase()));
  } else {
    return error(400, "REQUIRED_PARAM_MISSING", "One of the expected parameter is missing", { param_name: "criteria/email/phone/word" });
  }
  const converted = params.get("converted") ?? "false";
  const indexedBefore = Date.now() - readFaults(call.account.faults).searchIndexDelayMs;
  const rows = await listSandboxRecords(call.account.id, module);
  const found = rows
    .filter((row) => row.createdAt.getTime() <= indexedBefore)
    .map((row) => row.data as Record<string, unknown>)
    .filter((record) => module !== "Leads" || converted === "both" || String(record.$converted === true) === converted)
    .filter(predicate);
  return paged(await completeRecords(call.account.id, module, found), paging.page, paging.perPage);
}

async function write(call: ZohoCall, module: ZohoModule, id: string | null): Promise<Response> {
  const body = (await readJson(call.request)) as { data?: unknown } | null;
  if (!body || !Array.isArray(body.data) || body.data.length === 0) return error(400, "INVALID_DATA", "invalid data", { expected_data_type: "jsonarray", api_name: "data" });
  if (body.data.length > MAX_RECORDS_PER_WRITE) return error(400, "LIMIT_EXCEEDED", "the number of records exceeds the limit", { limit: MAX_RECORDS_PER_WRITE });
  const meta = await loadAccountData(call.account.id, module);
  const now = zohoTime();
  const actor = { id: meta.users[0]!.id, name: meta.users[0]!.full_name };
  const results: Array<Record<string, unknown> | RecordError> = [];
  for (const input of body.data as Array<Record<string, unknown>>) {
    if (!input || typeof input !== "object") {
      results.push({ code: "INVALID_DATA", details: {}, message: "invalid data", status: "error" });
      continue;
    }
    const targetId = id ?? (input.id ? String(input.id) : null);
    const existingRow = targetId ? await getSandboxRecord(call.account.id, module, targetId) : null;
    if (targetId && !existingRow) {
      results.push({ code: "INVALID_DATA", details: { id: targetId }, message: "the id given seems to be invalid", status: "error" });
      continue;
    }
    const existing = existingRow?.data as Record<string, unknown> | undefined;
    if (existing && module === "Leads" && existing.$converted === true) {
      // A converted lead is read-only; code and message as Zoho's SDK lists them for records.
      results.push({ code: "CONVERTED_RECORD", details: { id: targetId }, message: "can't update the converted record", status: "error" });
      continue;
    }
    const prepared = await prepareRecord(module, input, meta, existing ?? null);
    if ("error" in prepared) {
      results.push(prepared.error);
      continue;
    }
    const record = prepared.record;
    if (existing) {
      record.Modified_Time = now;
      record.Modified_By = actor;
      await replaceSandboxRecordData(call.account.id, module, targetId!, record);
      results.push({ code: "SUCCESS", details: { Modified_Time: now, Modified_By: actor, Created_Time: existing.Created_Time, id: targetId, Created_By: existing.Created_By }, message: "record updated", status: "success" });
    } else {
      const newId = zohoId(await nextSandboxIds(call.account.id));
      record.Owner ??= { id: meta.users[0]!.id, name: meta.users[0]!.full_name, email: meta.users[0]!.email };
      Object.assign(record, { id: newId, Created_Time: now, Modified_Time: now, Created_By: actor, Modified_By: actor });
      await insertSandboxRecord(call.account.id, module, newId, record);
      results.push({ code: "SUCCESS", details: { Modified_Time: now, Modified_By: actor, Created_Time: now, id: newId, Created_By: actor }, message: "record added", status: "success" });
    }
  }
  const failed = results.filter((result) => result.status === "error").length;
  const status = failed === results.length ? 400 : failed > 0 ? 202 : id || call.request.method === "PUT" ? 200 : 201;
  return json({ data: results }, status);
}

async function attach(call: ZohoCall, module: ZohoModule, id: string): Promise<Response> {
  const parent = await getSandboxRecord(call.account.id, module, id);
  if (!parent) return error(400, "INVALID_DATA", "the related id given seems to be invalid", { id });
  // A link may come as a form field or, as Zoho's own SDK sends it, as the attachmentUrl query parameter.
  const queryLink = call.url.searchParams.get("attachmentUrl");
  let form: FormData;
  try {
    form = queryLink && !(call.request.headers.get("content-type") ?? "").startsWith("multipart/") ? new FormData() : await call.request.formData();
  } catch {
    return error(400, "INVALID_REQUEST", "unable to process your request. please verify whether you have entered proper method name, parameter and parameter values.");
  }
  const link = form.get("attachmentUrl") ?? queryLink;
  const file = form.get("file");
  if (typeof link !== "string" && !(file instanceof File)) return error(400, "REQUIRED_PARAM_MISSING", "One of the expected parameter is missing", { param_name: "file/attachmentUrl" });
  if (file instanceof File && file.size > MAX_ATTACHMENT_BYTES) return error(400, "FILE_SIZE_MORE_THAN_ALLOWED_SIZE", "file size exceeds the limit");
  const now = zohoTime();
  const stored =
    typeof link === "string"
      ? await insertSandboxFile({ accountId: call.account.id, module, recordId: id, fileName: link.split("/").pop() || "recording", contentType: "text/uri-list", size: 0, link })
      : await insertSandboxFile({ accountId: call.account.id, module, recordId: id, fileName: (file as File).name, contentType: (file as File).type || "application/octet-stream", size: (file as File).size, content: new Uint8Array(await (file as File).arrayBuffer()) });
  return json({ data: [{ code: "SUCCESS", details: { Modified_Time: now, Created_Time: now, id: zohoId(900_000_000 + (await countSandboxFiles(call.account.id, module, id))), attachment_id: stored.id }, message: "attachment uploaded successfully", status: "success" }] });
}

/** The `module` query parameter of the settings APIs. */
function moduleParam(url: URL): ZohoModule | Response {
  const value = url.searchParams.get("module");
  if (!value) return error(400, "REQUIRED_PARAM_MISSING", "One of the expected parameter is missing", { param_name: "module" });
  if (!isZohoModule(value)) return error(400, "INVALID_MODULE", "the module name given seems to be invalid", { param_name: "module" });
  return value;
}

/** https://www.zoho.com/crm/developer/docs/api/v8/modules-api.html: the API-supported modules. */
function moduleList(): Response {
  const singular: Record<ZohoModule, string> = { Leads: "Lead", Contacts: "Contact", Accounts: "Account", Deals: "Deal", Tasks: "Task", Calls: "Call" };
  const modules = ZOHO_MODULES.map((name, index) => ({
    id: zohoModuleId(name),
    api_name: name,
    module_name: name,
    singular_label: singular[name],
    plural_label: name,
    api_supported: true,
    generated_type: "default",
    creatable: true,
    editable: true,
    deletable: true,
    viewable: true,
    visible: true,
    status: "visible",
    sequence_number: index + 1,
    modified_time: null,
  }));
  return json({ modules });
}

const routes: Route<ZohoCall>[] = [
  {
    // https://www.zoho.com/crm/developer/docs/api/v8/get-users.html (a user by id; 204 for an unknown id)
    method: "GET",
    pattern: /^\/users\/(\d+)$/,
    handle: async (call, [id]) => {
      const user = await getSandboxRecord(call.account.id, "users", id!);
      return user ? json({ users: [user.data], info: { per_page: 200, count: 1, page: 1, more_records: false } }) : empty(204);
    },
  },
  { method: "GET", pattern: /^\/settings\/modules$/, handle: async () => moduleList() },
  {
    method: "GET",
    pattern: /^\/users$/,
    handle: async (call) => {
      const type = call.url.searchParams.get("type") ?? "AllUsers";
      const users = (await listSandboxRecords(call.account.id, "users")).map((row) => row.data as Record<string, unknown>);
      const chosen = type === "CurrentUser" ? users.slice(0, 1) : type === "ActiveUsers" ? users.filter((user) => user.status === "active") : users;
      return json({ users: chosen, info: { per_page: 200, count: chosen.length, page: 1, more_records: false } });
    },
  },
  {
    method: "GET",
    pattern: /^\/org$/,
    handle: async (call) => json({ org: [(await getSandboxRecord(call.account.id, "org", "org"))?.data] }),
  },
  {
    method: "GET",
    pattern: /^\/settings\/fields$/,
    handle: async (call) => {
      const moduleName = moduleParam(call.url);
      if (moduleName instanceof Response) return moduleName;
      return json((await getSandboxRecord(call.account.id, `fields:${moduleName}`, moduleName))?.data);
    },
  },
  {
    method: "GET",
    pattern: /^\/settings\/layouts$/,
    handle: async (call) => {
      const moduleName = moduleParam(call.url);
      if (moduleName instanceof Response) return moduleName;
      return json({ layouts: (await listSandboxRecords(call.account.id, `layouts:${moduleName}`)).map((row) => row.data) });
    },
  },
  {
    method: "GET",
    pattern: /^\/settings\/pipeline$/,
    handle: async (call) => {
      const layoutId = call.url.searchParams.get("layout_id");
      if (!layoutId) return error(400, "REQUIRED_PARAM_MISSING", "One of the expected parameter is missing", { param_name: "layout_id" });
      const row = await getSandboxRecord(call.account.id, `pipelines:${layoutId}`, layoutId);
      return row ? json(row.data) : error(400, "INVALID_DATA", "invalid data", { param_name: "layout_id" });
    },
  },
  { method: "GET", pattern: /^\/([A-Za-z]+)\/search$/, handle: (call, [module]) => (isZohoModule(module!) ? search(call, module) : Promise.resolve(invalidModule())) },
  { method: "POST", pattern: /^\/([A-Za-z]+)\/upsert$/, handle: (call, [module]) => (isZohoModule(module!) ? upsert(call, module) : Promise.resolve(invalidModule())) },
  {
    method: "POST",
    pattern: /^\/([A-Za-z]+)\/(\d+)\/Attachments$/,
    handle: (call, [module, id]) => (isZohoModule(module!) ? attach(call, module, id!) : Promise.resolve(invalidModule())),
  },
  {
    // https://www.zoho.com/crm/developer/docs/api/v8/get-attachments.html (204 when there are none)
    method: "GET",
    pattern: /^\/([A-Za-z]+)\/(\d+)\/Attachments$/,
    handle: async (call, [module, id]) => {
      if (!isZohoModule(module!)) return invalidModule();
      if (!call.url.searchParams.get("fields")) return error(400, "REQUIRED_PARAM_MISSING", "One of the expected parameter is missing", { param_name: "fields" });
      const files = await listRecordFiles(call.account.id, module, id!);
      if (!files.length) return empty(204);
      const data = files.map((file, index) => ({ id: zohoId(900_000_000 + index + 1), File_Name: file.fileName, Size: String(file.size), $link_url: file.link ?? null, $type: file.link ? "Link URL" : "Attachment", Created_Time: zohoTime(file.createdAt) }));
      return json({ data, info: { per_page: 200, count: data.length, page: 1, more_records: false } });
    },
  },
  {
    method: "POST",
    pattern: /^\/Leads\/(\d+)\/actions\/convert$/,
    handle: (call, [id]) => convertLead(call, id!),
  },
  { method: "DELETE", pattern: /^\/([A-Za-z]+)\/(\d+)$/, handle: (call, [module, id]) => (isZohoModule(module!) ? deleteRecords(call, module, id!) : Promise.resolve(invalidModule())) },
  { method: "DELETE", pattern: /^\/([A-Za-z]+)$/, handle: (call, [module]) => (isZohoModule(module!) ? deleteRecords(call, module, null) : Promise.resolve(invalidModule())) },
  {
    // https://www.zoho.com/crm/developer/docs/api/v8/get-deleted-records.html
    method: "GET",
    pattern: /^\/([A-Za-z]+)\/deleted$/,
    handle: async (call, [module]) => (isZohoModule(module!) ? listDeleted(call, await listSandboxRecords(call.account.id, `deleted:${module}`)) : invalidModule()),
  },
  {
    // A deleted record (in the Recycle Bin) reads like an id that never existed: 204, no body.
    method: "GET",
    pattern: /^\/([A-Za-z]+)\/(\d+)$/,
    handle: async (call, [module, id]) => {
      if (!isZohoModule(module!)) return invalidModule();
      const row = await getSandboxRecord(call.account.id, module, id!);
      return row ? json({ data: await completeRecords(call.account.id, module, [row.data as Record<string, unknown>]) }) : empty(204);
    },
  },
  {
    method: "GET",
    pattern: /^\/([A-Za-z]+)$/,
    handle: async (call, [module]) => {
      if (!isZohoModule(module!)) return invalidModule();
      if (!call.url.searchParams.get("fields")) return error(400, "REQUIRED_PARAM_MISSING", "One of the expected parameter is missing", { param_name: "fields" });
      const paging = pageParams(call.url);
      if (paging instanceof Response) return paging;
      const records = (await listSandboxRecords(call.account.id, module)).map((row) => row.data as Record<string, unknown>);
      return paged(await completeRecords(call.account.id, module, records), paging.page, paging.perPage);
    },
  },
  { method: "POST", pattern: /^\/([A-Za-z]+)$/, handle: (call, [module]) => (isZohoModule(module!) ? write(call, module, null) : Promise.resolve(invalidModule())) },
  { method: "PUT", pattern: /^\/([A-Za-z]+)\/(\d+)$/, handle: (call, [module, id]) => (isZohoModule(module!) ? write(call, module, id!) : Promise.resolve(invalidModule())) },
  { method: "PUT", pattern: /^\/([A-Za-z]+)$/, handle: (call, [module]) => (isZohoModule(module!) ? write(call, module, null) : Promise.resolve(invalidModule())) },
];

/** Upsert: records matching `duplicate_check_fields` are updated, the others inserted. */
async function upsert(call: ZohoCall, module: ZohoModule): Promise<Response> {
  const body = (await readJson(call.request.clone())) as { data?: Array<Record<string, unknown>>; duplicate_check_fields?: string[] } | null;
  const checks = body?.duplicate_check_fields ?? (module === "Accounts" ? ["Account_Name"] : module === "Deals" ? ["Deal_Name"] : ["Email"]);
  const rows = (await listSandboxRecords(call.account.id, module)).map((row) => row.data as Record<string, unknown>);
  const data = (body?.data ?? []).map((record) => {
    const duplicate = rows.find((row) => checks.some((field) => record[field] !== undefined && record[field] !== "" && String(row[field]).toLowerCase() === String(record[field]).toLowerCase()));
    return duplicate ? { ...record, id: duplicate.id } : record;
  });
  const request = new Request(call.request.url, { method: "POST", headers: call.request.headers, body: JSON.stringify({ data }) });
  const response = await write({ ...call, request }, module, null);
  const answer = (await response.json()) as { data: Array<Record<string, unknown>> };
  answer.data = answer.data.map((result, index) => (result.status === "success" ? { ...result, action: data[index]?.id ? "update" : "insert" } : result));
  return json(answer, response.status);
}

export async function zohoApi(call: ZohoCall, path: string): Promise<Response> {
  const found = match(routes, call.request.method, path);
  if (!found) return error(404, "INVALID_URL_PATTERN", "Please check if the URL trying to access is a correct one");
  return found.route.handle(call, found.params);
}
