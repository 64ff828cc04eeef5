// Call logs (v1 only): https://developers.pipedrive.com/docs/api/v1/CallLogs
// - "a user without account settings access cannot create call logs for other users": a non-admin token
//   naming another user_id is refused with 403;
// - a call log is also an activity (type "call") of the person / deal / lead, owned by its user, with the
//   log's subject and note, as the UI and GET /api/v2/activities show it;
// - GET /v1/callLogs lists only the authorised user's logs, newest first, at most 50 a page.
import { insertSandboxFile, insertSandboxRecord, nextSandboxIds } from "@/lib/db/queries/sandbox";
import { randomHex, readJson, type Route } from "../http";
import { asId, type Entity, notFound, ok, one, pdError, pdTime, type PipedriveCall, rows, tokenUser, users } from "./answers";
import { checkRefs } from "./refs";

const CALL_OUTCOMES = ["connected", "no_answer", "left_message", "left_voicemail", "wrong_number", "busy"];
const PD_DATETIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
/** "For pagination, the limit of entries to be returned. The upper limit is 50." */
const MAX_CALL_LOG_PAGE = 50;

const isAdmin = (user: Entity) => Number(user.is_admin) === 1 || user.is_admin === true;

async function createCallLog(call: PipedriveCall): Promise<Response> {
  const body = (await readJson(call.request)) as Record<string, unknown> | null;
  if (!body || typeof body !== "object") return pdError(400, "The request body must be a JSON object");
  for (const key of ["outcome", "to_phone_number", "start_time", "end_time"]) {
    if (body[key] === undefined || body[key] === "") return pdError(400, `Validation failed: ${key}: Parameter is required`);
  }
  if (!CALL_OUTCOMES.includes(String(body.outcome))) return pdError(400, `Validation failed: outcome: must be one of ${CALL_OUTCOMES.join(", ")}`);
  if (!PD_DATETIME.test(String(body.start_time)) || !PD_DATETIME.test(String(body.end_time))) return pdError(400, "Validation failed: start_time/end_time: expected YYYY-MM-DD HH:MM:SS (UTC)");
  if (body.deal_id != null && body.lead_id != null) return pdError(400, "Validation failed: a call log is linked to a deal or a lead, not both");
  if (body.user_id !== undefined && !(await users(call)).some((user) => user.id === asId(body.user_id))) return pdError(400, "Validation failed: user_id: user not found");
  const me = await tokenUser(call);
  const owner = asId(body.user_id) ?? Number(me.id);
  if (owner !== me.id && !isAdmin(me)) return pdError(403, "You don't have permission to create call logs for other users", { error_info: "Only users with account settings access (admins) can set user_id to another user" });
  const refs = await checkRefs(call, body);
  if (refs) return refs;
  const activityId = await nextSandboxIds(call.account.id);
  const now = pdTime();
  const log: Entity = {
    id: randomHex(16),
    activity_id: activityId,
    user_id: owner,
    person_id: asId(body.person_id),
    org_id: asId(body.org_id),
    deal_id: asId(body.deal_id),
    lead_id: body.lead_id ?? null,
    subject: body.subject ?? null,
    duration: body.duration ?? null,
    outcome: body.outcome,
    from_phone_number: body.from_phone_number ?? null,
    to_phone_number: body.to_phone_number,
    has_recording: false,
    start_time: body.start_time,
    end_time: body.end_time,
    note: body.note ?? null,
    company_id: 1,
  };
  const activity: Entity = {
    id: activityId,
    subject: log.subject ?? "Call",
    type: "call",
    owner_id: owner,
    creator_user_id: me.id,
    person_id: log.person_id,
    org_id: log.org_id,
    deal_id: log.deal_id,
    lead_id: log.lead_id,
    note: log.note,
    done: true,
    due_date: String(body.start_time).slice(0, 10),
    due_time: String(body.start_time).slice(11, 16),
    is_deleted: false,
    add_time: now,
    update_time: now,
  };
  await insertSandboxRecord(call.account.id, "callLogs", String(log.id), log);
  await insertSandboxRecord(call.account.id, "activities", String(activity.id), activity);
  return ok(log);
}

/** The authorised user's call logs, newest first, `start`/`limit` paging as v1 lists do. */
async function listCallLogs(call: PipedriveCall): Promise<Response> {
  const params = call.url.searchParams;
  const start = Number(params.get("start") ?? 0);
  const limit = Number(params.get("limit") ?? MAX_CALL_LOG_PAGE);
  if (!Number.isInteger(start) || start < 0) return pdError(400, "Validation failed: start: must be a non-negative integer");
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_CALL_LOG_PAGE) return pdError(400, `Validation failed: limit: must be an integer between 1 and ${MAX_CALL_LOG_PAGE}`);
  const me = await tokenUser(call);
  const mine = (await rows(call, "callLogs")).filter((log) => log.user_id === me.id).reverse();
  const page = mine.slice(start, start + limit);
  const more = start + limit < mine.length;
  return ok(page, { pagination: { start, limit, more_items_in_collection: more, ...(more ? { next_start: start + limit } : {}) } });
}

/**
 * POST /v1/files: a file attached to an activity (or a deal, person, organization, lead).
 * https://developers.pipedrive.com/docs/api/v1/Files#addFile
 */
async function addFile(call: PipedriveCall): Promise<Response> {
  let form: FormData;
  try {
    form = await call.request.formData();
  } catch {
    return pdError(400, "Expected multipart/form-data with a file");
  }
  const file = form.get("file");
  if (!(file instanceof File)) return pdError(400, "Validation failed: file: Parameter is required");
  const links = Object.fromEntries(["activity_id", "deal_id", "person_id", "org_id", "lead_id"].map((key) => [key, form.get(key)]).filter(([, value]) => typeof value === "string" && value !== ""));
  const [module, target] = links.activity_id ? ["activities", links.activity_id] : links.deal_id ? ["deals", links.deal_id] : links.person_id ? ["persons", links.person_id] : links.org_id ? ["organizations", links.org_id] : links.lead_id ? ["leads", links.lead_id] : [null, null];
  if (!module || !(await one(call, module, target))) return pdError(400, "Validation failed: the file must be attached to an existing activity, deal, person, organization or lead");
  const saved = await insertSandboxFile({ accountId: call.account.id, module, recordId: String(target), fileName: file.name, contentType: file.type || "application/octet-stream", size: file.size, content: new Uint8Array(await file.arrayBuffer()) });
  const me = await tokenUser(call);
  return ok({ id: saved.id, user_id: me.id, name: file.name, file_name: file.name, file_type: file.name.split(".").pop() ?? "", file_size: file.size, active_flag: true, add_time: pdTime(saved.createdAt), ...Object.fromEntries(Object.entries(links).map(([key, value]) => [key, key === "lead_id" ? value : Number(value)])) });
}

export const callLogRoutes: Route<PipedriveCall>[] = [
  { method: "POST", pattern: /^\/v1\/files$/, handle: addFile },
  { method: "POST", pattern: /^\/v1\/callLogs$/, handle: createCallLog },
  { method: "GET", pattern: /^\/v1\/callLogs$/, handle: listCallLogs },
  {
    method: "GET",
    pattern: /^\/v1\/callLogs\/([0-9a-f]+)$/,
    handle: async (call, [id]) => {
      const log = await one(call, "callLogs", id);
      return log ? ok(log) : notFound("Call log");
    },
  },
];
