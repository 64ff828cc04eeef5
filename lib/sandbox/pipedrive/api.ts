// The Pipedrive API v1/v2 subset of the sandbox (crm-apis.md): same paths, envelopes, errors and
// rate-limit headers as https://developers.pipedrive.com/docs/api/v1 and the v2 reference.
import { randomUUID } from "node:crypto";
import {
  countSandboxFiles,
  insertSandboxFile,
  insertSandboxRecord,
  listSandboxRecords,
  nextSandboxIds,
  replaceSandboxRecordData,
  deleteSandboxRecord,
} from "@/lib/db/queries/sandbox";
import { readFaults } from "../faults";
import { match, readJson, type Route } from "../http";
import { metadataRoutes } from "./metadata";
import { asId, cursorPage, type Entity, isDeleted, notFound, ok, one, pdError, pdTime, type PipedriveCall, purged, rows, tokenUser, users, validation } from "./answers";
import { markDeleted, mergeRoutes } from "./merge";
import { checkRefs, live } from "./refs";
import { callLogRoutes } from "./call-logs";
import { noteRoutes } from "./notes";
import { leadSearchRoutes, relatedItems } from "./lead-search";
import { phoneContains, phoneEquals } from "../phone-match";
import { checkCustomFields, customFieldsOf } from "./validate";

const SEARCHABLE: Record<string, string[]> = {
  persons: ["name", "email", "phone", "notes", "custom_fields"],
  organizations: ["name", "address", "notes", "custom_fields"],
  deals: ["title", "notes", "custom_fields"],
  leads: ["title", "notes", "custom_fields"],
};
const MAX_RECORDING_BYTES = 50 * 1024 * 1024;
const ENTITY_NAMES: Record<string, string> = { persons: "Person", organizations: "Organization", deals: "Deal" };
/** Names and titles are varchar fields: 255 characters at most. */
const MAX_NAME_LENGTH = 255;

function contactPoints(value: unknown, name: string): Array<{ value: string; primary: boolean; label: string }> | string {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((item) => item && typeof item === "object" && typeof (item as { value?: unknown }).value === "string")) {
    return `${name}: expected an array of objects with a string value`;
  }
  return value.map((item, index) => ({ value: (item as { value: string }).value, primary: (item as { primary?: boolean }).primary ?? index === 0, label: (item as { label?: string }).label ?? "work" }));
}

// ---- persons, organizations, deals (v2)

async function upsertV2(call: PipedriveCall, resource: "persons" | "organizations" | "deals", id: string | null): Promise<Response> {
  const body = (await readJson(call.request)) as Record<string, unknown> | null;
  if (!body || typeof body !== "object") return validation("the request body must be a JSON object");
  const existing = id ? await live(call, resource, id) : null;
  if (id && !existing) return notFound(ENTITY_NAMES[resource]!);
  const nameKey = resource === "deals" ? "title" : "name";
  if (!existing && (typeof body[nameKey] !== "string" || !(body[nameKey] as string).trim())) return validation(`${nameKey}: Parameter is required`);
  if (typeof body[nameKey] === "string" && (body[nameKey] as string).length > MAX_NAME_LENGTH) return validation(`${nameKey}: must be at most ${MAX_NAME_LENGTH} characters`);
  const refs = await checkRefs(call, body);
  if (refs) return refs;
  const list = resource === "persons" ? "personFields" : resource === "organizations" ? "organizationFields" : "dealFields";
  const custom = (body.custom_fields ?? {}) as Record<string, unknown>;
  if (typeof custom !== "object" || Array.isArray(custom)) return validation("custom_fields: expected an object");
  const problem = checkCustomFields(custom, await customFieldsOf(call.account.id, list));
  if (problem) return validation(`custom_fields: ${problem}`);

  const now = pdTime();
  // New entities carry every link field, null until set, as the vendor answers them.
  const links = resource === "persons" ? { org_id: null } : resource === "deals" ? { person_id: null, org_id: null, value: 0, currency: "UAH" } : {};
  const entity: Entity = existing ? { ...existing } : { id: await nextSandboxIds(call.account.id), ...links, add_time: now, custom_fields: {}, owner_id: (await users(call))[0]!.id, visible_to: 3 };
  entity.update_time = now;
  for (const key of ["name", "title", "owner_id", "org_id", "person_id", "value", "currency"]) {
    if (body[key] !== undefined) entity[key] = key.endsWith("_id") ? asId(body[key]) : body[key];
  }
  if (resource === "persons") {
    for (const key of ["phones", "emails"] as const) {
      if (body[key] === undefined) continue;
      const points = contactPoints(body[key], key);
      if (typeof points === "string") return validation(points);
      entity[key] = points;
    }
    entity.phones ??= [];
    entity.emails ??= [];
    const parts = String(entity.name ?? "").split(" ");
    entity.first_name = parts[0] ?? "";
    entity.last_name = parts.slice(1).join(" ");
  }
  if (resource === "deals") {
    const placed = await placeDeal(call, body, existing);
    if (placed instanceof Response) return placed;
    Object.assign(entity, placed);
    if (body.status !== undefined) {
      if (!["open", "won", "lost"].includes(String(body.status))) return validation("status: must be open, won or lost");
      entity.status = body.status;
    }
    entity.status ??= "open";
  }
  entity.custom_fields = { ...(entity.custom_fields as Record<string, unknown>), ...custom };
  if (existing) await replaceSandboxRecordData(call.account.id, resource, String(entity.id), entity);
  else await insertSandboxRecord(call.account.id, resource, String(entity.id), entity);
  return ok(entity);
}

/** A deal's pipeline and stage: the stage must belong to the pipeline; defaults are the first of each. */
async function placeDeal(call: PipedriveCall, body: Record<string, unknown>, existing: Entity | null): Promise<{ pipeline_id: number; stage_id: number } | Response> {
  const pipelines = (await rows(call, "pipelines")).sort((a, b) => Number(a.order_nr) - Number(b.order_nr));
  const stages = (await rows(call, "stages")).sort((a, b) => Number(a.order_nr) - Number(b.order_nr));
  const stageId = asId(body.stage_id) ?? (body.pipeline_id === undefined ? asId(existing?.stage_id) : null);
  if (stageId !== null) {
    const stage = stages.find((candidate) => candidate.id === stageId);
    if (!stage) return validation("stage_id: stage not found");
    if (body.pipeline_id !== undefined && asId(body.pipeline_id) !== stage.pipeline_id) return validation("stage_id: the stage is not in the given pipeline");
    return { pipeline_id: Number(stage.pipeline_id), stage_id: stageId };
  }
  const pipelineId = asId(body.pipeline_id) ?? Number(pipelines[0]!.id);
  if (!pipelines.some((pipeline) => pipeline.id === pipelineId)) return validation("pipeline_id: pipeline not found");
  const first = stages.find((stage) => stage.pipeline_id === pipelineId);
  if (!first) return validation("pipeline_id: the pipeline has no stages");
  return { pipeline_id: pipelineId, stage_id: Number(first.id) };
}

// ---- search (v2)

function customValues(entity: Entity): string[] {
  const custom = entity.custom_fields;
  if (custom && typeof custom === "object" && !Array.isArray(custom)) return Object.values(custom).filter((value) => value !== null).map(String);
  // v1 leads keep custom fields as top-level 40-character keys.
  return Object.entries(entity).filter(([key, value]) => /^[0-9a-f]{40}$/.test(key) && value !== null).map(([, value]) => String(value));
}

export async function searchItem(call: PipedriveCall, resource: string, entity: Entity, score: number): Promise<Record<string, unknown>> {
  const ref = async (module: string, id: unknown, nameKey = "name") => {
    const target = await one(call, module, id);
    return target ? { id: target.id, name: target[nameKey], ...(module === "organizations" ? { address: null } : {}) } : null;
  };
  const common = { id: entity.id, visible_to: entity.visible_to ?? 3, owner: { id: entity.owner_id }, custom_fields: customValues(entity), notes: [], update_time: entity.update_time };
  switch (resource) {
    case "persons":
      return {
        result_score: score,
        item: {
          ...common,
          type: "person",
          name: entity.name,
          phones: ((entity.phones ?? []) as Array<{ value: string }>).map((phone) => phone.value),
          emails: ((entity.emails ?? []) as Array<{ value: string }>).map((email) => email.value),
          organization: await ref("organizations", entity.org_id),
        },
      };
    case "organizations":
      return { result_score: score, item: { ...common, type: "organization", name: entity.name, address: null } };
    case "deals": {
      const stage = await one(call, "stages", entity.stage_id);
      return {
        result_score: score,
        item: { ...common, type: "deal", title: entity.title, value: entity.value ?? 0, currency: entity.currency ?? "UAH", status: entity.status, stage: stage ? { id: stage.id, name: stage.name } : null, person: await ref("persons", entity.person_id), organization: await ref("organizations", entity.org_id) },
      };
    }
    default:
      return { result_score: score, item: { ...common, type: "lead", title: entity.title, is_archived: entity.is_archived ?? false, person: await ref("persons", entity.person_id), organization: await ref("organizations", entity.organization_id), phones: [], emails: [] } };
  }
}

/** The entities of one resource whose given fields hold the term (exactly, or containing it). */
export async function matching(call: PipedriveCall, resource: string, term: string, fields: string[], exact: boolean): Promise<Entity[]> {
  const text = (value: unknown) => (value === null || value === undefined ? "" : String(value).toLowerCase());
  const same = (value: unknown) => (exact ? text(value) === term.toLowerCase() : text(value).includes(term.toLowerCase()));
  const indexedBefore = Date.now() - readFaults(call.account.faults).searchIndexDelayMs;
  const candidates = (await listSandboxRecords(call.account.id, resource))
    .filter((row) => row.createdAt.getTime() <= indexedBefore)
    .map((row) => row.data as Entity)
    .filter((entity) => !isDeleted(entity));
  return candidates.filter((entity) =>
    fields.some((field) => {
      switch (field) {
        case "name":
        case "title":
          return same(entity[field]);
        case "email":
          return ((entity.emails ?? []) as Array<{ value: string }>).some((email) => same(email.value));
        case "phone":
          return ((entity.phones ?? []) as Array<{ value: string }>).some((phone) => (exact ? phoneEquals(phone.value, term) : phoneContains(phone.value, term)));
        case "custom_fields":
          return customValues(entity).some(same);
        default:
          return false;
      }
    }),
  );
}

/** The term and fields of a search, or the vendor's 400 naming what is wrong. */
export function searchTerms(call: PipedriveCall, allowed: string[], what: string): { term: string; exact: boolean; fields: string[] } | Response {
  const params = call.url.searchParams;
  const term = (params.get("term") ?? "").trim();
  const exact = params.get("exact_match") === "true";
  const fields = params.get("fields") ? params.get("fields")!.split(",") : allowed;
  const unknown = fields.find((field) => !allowed.includes(field));
  if (unknown) return pdError(400, `fields: "${unknown}" is not a searchable field of ${what}; use ${allowed.join(", ")}`);
  if (term.length < (exact ? 1 : 2)) return pdError(400, "term: must be at least 2 characters long (1 with exact_match)");
  return { term, exact, fields };
}

async function search(call: PipedriveCall, resource: string): Promise<Response> {
  const terms = searchTerms(call, SEARCHABLE[resource]!, resource);
  if (terms instanceof Response) return terms;
  const items = [];
  for (const entity of await matching(call, resource, terms.term, terms.fields, terms.exact)) items.push(await searchItem(call, resource, entity, terms.exact ? 1 : 0.5));
  return cursorPage(call, items, (page) => ({ items: page }));
}

/** https://developers.pipedrive.com/docs/api/v2/ItemSearch: several item types at once. */
const ITEM_TYPES: Record<string, string> = { person: "persons", organization: "organizations", deal: "deals", lead: "leads" };

async function itemSearch(call: PipedriveCall): Promise<Response> {
  const types = (call.url.searchParams.get("item_types") ?? Object.keys(ITEM_TYPES).join(",")).split(",");
  const unknownType = types.find((type) => !ITEM_TYPES[type]);
  if (unknownType) return pdError(400, `item_types: "${unknownType}" is not one of ${Object.keys(ITEM_TYPES).join(", ")}`);
  const allowed = [...new Set(types.flatMap((type) => SEARCHABLE[ITEM_TYPES[type]!]!))];
  const terms = searchTerms(call, allowed, "the item types");
  if (terms instanceof Response) return terms;
  const items = [];
  const found: Array<{ resource: string; entity: Entity }> = [];
  for (const type of types) {
    const resource = ITEM_TYPES[type]!;
    const fields = terms.fields.filter((field) => SEARCHABLE[resource]!.includes(field));
    for (const entity of await matching(call, resource, terms.term, fields, terms.exact)) {
      items.push(await searchItem(call, resource, entity, terms.exact ? 1 : 0.5));
      found.push({ resource, entity });
    }
  }
  // search_for_related_items: the newest leads and deals of each person and organization found.
  const related = call.url.searchParams.get("search_for_related_items") === "true" ? await relatedItems(call, found, searchItem) : [];
  return cursorPage(call, items, (page) => ({ items: page, related_items: related }));
}

// ---- leads (v1)

async function upsertLead(call: PipedriveCall, id: string | null): Promise<Response> {
  const body = (await readJson(call.request)) as Record<string, unknown> | null;
  if (!body || typeof body !== "object") return pdError(400, "The request body must be a JSON object");
  const existing = id ? await one(call, "leads", id) : null;
  if (id && !existing) return notFound("Lead");
  if (!existing && (typeof body.title !== "string" || !body.title.trim())) return pdError(400, "Validation failed: title: Parameter is required");
  if (typeof body.title === "string" && body.title.length > MAX_NAME_LENGTH) return validation(`title: must be at most ${MAX_NAME_LENGTH} characters`);
  if (!existing && body.person_id == null && body.organization_id == null) return pdError(400, "A lead must be linked to a person or an organization (person_id or organization_id)");
  const refs = await checkRefs(call, body);
  if (refs) return refs;
  const customKeys = Object.keys(body).filter((key) => /^[0-9a-f]{40}$/.test(key));
  const problem = checkCustomFields(Object.fromEntries(customKeys.map((key) => [key, body[key]])), await customFieldsOf(call.account.id, "dealFields"));
  if (problem) return pdError(400, problem);
  const now = new Date().toISOString();
  const lead: Entity = existing ? { ...existing } : { id: randomUUID(), is_archived: false, add_time: now, owner_id: (await users(call))[0]!.id, source_name: "API", label_ids: [] };
  for (const key of ["title", "owner_id", "person_id", "organization_id", "is_archived", ...customKeys]) {
    if (body[key] !== undefined) lead[key] = key.endsWith("_id") ? asId(body[key]) : body[key];
  }
  lead.update_time = now;
  if (existing) await replaceSandboxRecordData(call.account.id, "leads", String(lead.id), lead);
  else await insertSandboxRecord(call.account.id, "leads", String(lead.id), lead);
  return ok(lead, null, existing ? 200 : 201);
}

// ---- activities (v2) and call logs (v1)

async function createActivity(call: PipedriveCall): Promise<Response> {
  const body = (await readJson(call.request)) as Record<string, unknown> | null;
  if (!body || typeof body !== "object") return validation("the request body must be a JSON object");
  if (typeof body.subject !== "string" || !body.subject.trim()) return validation("subject: Parameter is required");
  if (body.subject.length > MAX_NAME_LENGTH) return validation(`subject: must be at most ${MAX_NAME_LENGTH} characters`);
  if (body.due_date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(String(body.due_date))) return validation("due_date: expected YYYY-MM-DD");
  if (body.due_time !== undefined && body.due_time !== null && !/^([01]\d|2[0-3]):[0-5]\d$/.test(String(body.due_time))) return validation("due_time: expected HH:MM");
  const refs = await checkRefs(call, body);
  if (refs) return refs;
  const now = pdTime();
  const activity: Entity = {
    id: await nextSandboxIds(call.account.id),
    subject: body.subject,
    type: body.type ?? "task",
    due_date: body.due_date ?? now.slice(0, 10),
    due_time: body.due_time ?? null,
    owner_id: asId(body.owner_id) ?? (await users(call))[0]!.id,
    person_id: asId(body.person_id),
    org_id: asId(body.org_id),
    deal_id: asId(body.deal_id),
    lead_id: body.lead_id ?? null,
    note: body.note ?? null,
    done: body.done === true,
    add_time: now,
    update_time: now,
  };
  await insertSandboxRecord(call.account.id, "activities", String(activity.id), activity);
  return ok(activity);
}

/** PATCH /api/v2/activities/{id}: a user marks a task done (or changes its subject, due date, owner). */
async function updateActivity(call: PipedriveCall, id: string): Promise<Response> {
  const activity = await one(call, "activities", id);
  if (!activity || isDeleted(activity)) return notFound("Activity");
  const body = (await readJson(call.request)) as Record<string, unknown> | null;
  if (!body || typeof body !== "object") return validation("the request body must be a JSON object");
  if (body.done !== undefined && typeof body.done !== "boolean") return validation("done: expected a boolean");
  const changed: Entity = { ...activity, ...Object.fromEntries(Object.entries(body).filter(([key]) => ["subject", "done", "due_date", "due_time", "owner_id", "note"].includes(key))), update_time: pdTime() };
  await replaceSandboxRecordData(call.account.id, "activities", id, changed);
  return ok(changed);
}

async function addRecording(call: PipedriveCall, id: string): Promise<Response> {
  const log = await one(call, "callLogs", id);
  if (!log) return notFound("Call log");
  if (log.has_recording || (await countSandboxFiles(call.account.id, "callLogs", id)) > 0) return pdError(409, "Recording for this call log already exists");
  let file: FormDataEntryValue | null;
  try {
    file = (await call.request.formData()).get("file");
  } catch {
    return pdError(400, "Expected multipart/form-data with a file");
  }
  if (!(file instanceof File)) return pdError(400, "Validation failed: file: Parameter is required");
  if (file.size > MAX_RECORDING_BYTES) return pdError(413, "The recording is larger than 50 MB");
  await insertSandboxFile({ accountId: call.account.id, module: "callLogs", recordId: id, fileName: file.name, contentType: file.type || "audio/mpeg", size: file.size, content: new Uint8Array(await file.arrayBuffer()) });
  await replaceSandboxRecordData(call.account.id, "callLogs", id, { ...log, has_recording: true });
  return ok(null);
}

/** v1 lists page with `pagination` (the sandbox's lists fit one page). */
export const v1List = (items: unknown[]) => ok(items, { pagination: { start: 0, limit: 500, more_items_in_collection: false } });

/** GET /api/v2/persons|organizations|deals: filtered by owner, person, organization and (deals) status. */
async function listV2(call: PipedriveCall, resource: string): Promise<Response> {
  const params = call.url.searchParams;
  const ids = params.get("ids")?.split(",").map(Number);
  const filters: Array<[string, number | null]> = [
    ["owner_id", asId(params.get("owner_id"))],
    ["person_id", asId(params.get("person_id"))],
    ["org_id", asId(params.get("org_id"))],
    ["pipeline_id", asId(params.get("pipeline_id"))],
    ["stage_id", asId(params.get("stage_id"))],
  ];
  const statuses = resource === "deals" ? params.get("status")?.split(",") : undefined;
  const entities = (await rows(call, resource)).filter(
    (entity) => !isDeleted(entity) && (!ids || ids.includes(Number(entity.id))) && filters.every(([key, value]) => value === null || entity[key] === value) && (!statuses || statuses.includes(String(entity.status))),
  );
  if (params.get("sort_direction") === "desc") entities.reverse();
  return cursorPage(call, entities);
}

/** DELETE marks the record deleted; it stays readable for 30 days, then it is gone (see answers.ts). */
async function deleteV2(call: PipedriveCall, resource: string, id: string): Promise<Response> {
  const entity = await live(call, resource, id);
  if (!entity) return notFound(ENTITY_NAMES[resource]!);
  await replaceSandboxRecordData(call.account.id, resource, id, markDeleted(entity));
  return ok({ id: Number(id) });
}

const routes: Route<PipedriveCall>[] = [
  ...metadataRoutes,
  // Before the generic search route: leads search has its own filters and answer.
  ...leadSearchRoutes,
  {
    method: "GET",
    pattern: /^\/v1\/users\/me$/,
    // The company domain is the account's own (Pipedrive: <company>.pipedrive.com): record web links name it.
    handle: async (call) => ok({ ...(await tokenUser(call)), company_id: 1, company_domain: (call.account.credentials as { companyDomain?: string }).companyDomain ?? "callbridge-demo" }),
  },
  { method: "GET", pattern: /^\/v1\/users$/, handle: async (call) => v1List(await users(call)) },
  {
    // v1 field lists still answer (they carry `key` and `edit_flag`); the connector reads the v2 ones.
    method: "GET",
    pattern: /^\/v1\/(personFields|organizationFields|dealFields|activityFields)$/,
    handle: async (call, [name]) => v1List(await rows(call, name!)),
  },
  { method: "GET", pattern: /^\/v2\/itemSearch$/, handle: itemSearch },
  { method: "GET", pattern: /^\/v2\/(persons|organizations|deals|leads)\/search$/, handle: (call, [resource]) => search(call, resource!) },
  { method: "GET", pattern: /^\/v2\/(persons|organizations|deals)$/, handle: (call, [resource]) => listV2(call, resource!) },
  {
    method: "GET",
    pattern: /^\/v2\/(persons|organizations|deals)\/(\d+)$/,
    handle: async (call, [resource, id]) => {
      const entity = await one(call, resource!, id);
      if (entity && purged(entity)) await deleteSandboxRecord(call.account.id, resource!, id!);
      return entity && !purged(entity) ? ok(entity) : notFound(ENTITY_NAMES[resource!]!);
    },
  },
  { method: "POST", pattern: /^\/v2\/(persons|organizations|deals)$/, handle: (call, [resource]) => upsertV2(call, resource as "persons", null) },
  { method: "PATCH", pattern: /^\/v2\/(persons|organizations|deals)\/(\d+)$/, handle: (call, [resource, id]) => upsertV2(call, resource as "persons", id!) },
  { method: "DELETE", pattern: /^\/v2\/(persons|organizations|deals)\/(\d+)$/, handle: (call, [resource, id]) => deleteV2(call, resource!, id!) },
  { method: "POST", pattern: /^\/v1\/leads$/, handle: (call) => upsertLead(call, null) },
  { method: "PATCH", pattern: /^\/v1\/leads\/([0-9a-f-]{36})$/, handle: (call, [id]) => upsertLead(call, id!) },
  {
    method: "GET",
    pattern: /^\/v1\/leads\/([0-9a-f-]{36})$/,
    handle: async (call, [id]) => {
      const lead = await one(call, "leads", id);
      return lead ? ok(lead) : notFound("Lead");
    },
  },
  { method: "POST", pattern: /^\/v2\/activities$/, handle: createActivity },
  {
    method: "GET",
    pattern: /^\/v2\/activities\/(\d+)$/,
    handle: async (call, [id]) => {
      const activity = await one(call, "activities", id);
      return activity && !isDeleted(activity) ? ok(activity) : notFound("Activity");
    },
  },
  { method: "PATCH", pattern: /^\/v2\/activities\/(\d+)$/, handle: (call, [id]) => updateActivity(call, id!) },
  {
    // https://developers.pipedrive.com/docs/api/v2/Activities#getActivities: filters and sort by add time.
    method: "GET",
    pattern: /^\/v2\/activities$/,
    handle: async (call) => {
      const params = call.url.searchParams;
      const filters: Array<[string, unknown]> = [
        ["person_id", asId(params.get("person_id"))],
        ["deal_id", asId(params.get("deal_id"))],
        ["org_id", asId(params.get("org_id"))],
        ["owner_id", asId(params.get("owner_id"))],
        ["lead_id", params.get("lead_id")],
      ];
      const found = (await rows(call, "activities")).filter((activity) => !isDeleted(activity) && filters.every(([key, value]) => value === null || activity[key] === value));
      if (params.get("sort_direction") === "desc") found.reverse();
      return cursorPage(call, found);
    },
  },
  ...callLogRoutes,
  ...mergeRoutes,
  ...noteRoutes,
  { method: "POST", pattern: /^\/v1\/callLogs\/([0-9a-f]+)\/recordings$/, handle: (call, [id]) => addRecording(call, id!) },
];

export const isSearchPath = (path: string) => /\/(search|itemSearch)$/.test(path);

/** Pipedrive names the method it does not know, e.g. "Unknown method v1/pipelines." (out of support). */
export const unknownMethod = (path: string) => pdError(404, `Unknown method ${path.replace(/^\/(api\/)?/, "")}.`);

export async function pipedriveApi(call: PipedriveCall, path: string): Promise<Response> {
  const found = match(routes, call.request.method, path);
  if (!found) return unknownMethod(path);
  return found.route.handle(call, found.params);
}
