// Notes (v1 only; v2 has none): https://developers.pipedrive.com/docs/api/v1/Notes
// POST /v1/notes needs `content` and one of deal_id / person_id / org_id / lead_id; only an admin may name
// another author (user_id). GET /v1/notes filters by those links and the author, pages with start/limit
// and sorts by "field ASC|DESC".
import { insertSandboxRecord, nextSandboxIds } from "@/lib/db/queries/sandbox";
import { readJson, type Route } from "../http";
import { asId, type Entity, notFound, ok, one, pdError, pdTime, type PipedriveCall, rows, tokenUser, users } from "./answers";
import { checkRefs } from "./refs";

const MAX_NOTES_PAGE = 500;
const SORTABLE = ["id", "user_id", "deal_id", "person_id", "org_id", "content", "add_time", "update_time"];

/** The related objects a note answer carries, as Pipedrive's own example shows them. */
async function withRelated(call: PipedriveCall, note: Entity): Promise<Entity> {
  const [person, deal, organization, author, me] = await Promise.all([one(call, "persons", note.person_id), one(call, "deals", note.deal_id), one(call, "organizations", note.org_id), one(call, "users", note.user_id), tokenUser(call)]);
  return {
    ...note,
    person: person ? { name: person.name } : null,
    deal: deal ? { title: deal.title } : null,
    organization: organization ? { name: organization.name } : null,
    user: author ? { email: author.email, name: author.name, icon_url: null, is_you: author.id === me.id } : null,
  };
}

async function addNote(call: PipedriveCall): Promise<Response> {
  const body = (await readJson(call.request)) as Record<string, unknown> | null;
  if (!body || typeof body !== "object") return pdError(400, "The request body must be a JSON object");
  if (typeof body.content !== "string" || !body.content.trim()) return pdError(400, "Validation failed: content: Parameter is required");
  if ([body.deal_id, body.person_id, body.org_id, body.lead_id].every((link) => link === undefined || link === null)) return pdError(400, "Validation failed: one of deal_id, person_id, org_id or lead_id is required");
  const me = await tokenUser(call);
  const author = asId(body.user_id) ?? Number(me.id);
  if (!(await users(call)).some((user) => user.id === author)) return pdError(400, "Validation failed: user_id: user not found");
  if (author !== me.id && Number(me.is_admin) !== 1) return pdError(403, "Only an admin can change the author of a note");
  const refs = await checkRefs(call, body);
  if (refs) return refs;
  const now = pdTime();
  const note: Entity = {
    id: await nextSandboxIds(call.account.id),
    content: body.content,
    user_id: author,
    last_update_user_id: me.id,
    person_id: asId(body.person_id),
    deal_id: asId(body.deal_id),
    org_id: asId(body.org_id),
    lead_id: body.lead_id ?? null,
    active_flag: true,
    pinned_to_deal_flag: Number(body.pinned_to_deal_flag) === 1,
    pinned_to_person_flag: Number(body.pinned_to_person_flag) === 1,
    pinned_to_organization_flag: Number(body.pinned_to_organization_flag) === 1,
    pinned_to_lead_flag: Number(body.pinned_to_lead_flag) === 1,
    add_time: typeof body.add_time === "string" ? body.add_time : now,
    update_time: now,
  };
  await insertSandboxRecord(call.account.id, "notes", String(note.id), note);
  return ok(await withRelated(call, note));
}

async function listNotes(call: PipedriveCall): Promise<Response> {
  const params = call.url.searchParams;
  const start = Number(params.get("start") ?? 0);
  const limit = Number(params.get("limit") ?? 100);
  if (!Number.isInteger(start) || start < 0) return pdError(400, "Validation failed: start: must be a non-negative integer");
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_NOTES_PAGE) return pdError(400, `Validation failed: limit: must be an integer between 1 and ${MAX_NOTES_PAGE}`);
  const filters: Array<[string, unknown]> = [
    ["user_id", asId(params.get("user_id"))],
    ["deal_id", asId(params.get("deal_id"))],
    ["person_id", asId(params.get("person_id"))],
    ["org_id", asId(params.get("org_id"))],
    ["lead_id", params.get("lead_id")],
  ];
  const notes = (await rows(call, "notes")).filter((note) => note.active_flag !== false && filters.every(([key, value]) => value === null || note[key] === value));
  const [field = "id", direction = "ASC"] = (params.get("sort") ?? "id ASC").trim().split(/\s+/);
  if (!SORTABLE.includes(field) || !/^(ASC|DESC)$/i.test(direction)) return pdError(400, `Validation failed: sort: use one of ${SORTABLE.join(", ")} with ASC or DESC`);
  const order = (a: unknown, b: unknown) => (typeof a === "number" && typeof b === "number" ? a - b : String(a ?? "").localeCompare(String(b ?? "")));
  notes.sort((a, b) => order(a[field], b[field]) || Number(a.id) - Number(b.id));
  if (/^desc$/i.test(direction)) notes.reverse();
  const page = await Promise.all(notes.slice(start, start + limit).map((note) => withRelated(call, note)));
  const more = start + limit < notes.length;
  return ok(page, { pagination: { start, limit, more_items_in_collection: more, ...(more ? { next_start: start + limit } : {}) } });
}

export const noteRoutes: Route<PipedriveCall>[] = [
  { method: "POST", pattern: /^\/v1\/notes$/, handle: addNote },
  { method: "GET", pattern: /^\/v1\/notes$/, handle: listNotes },
  {
    method: "GET",
    pattern: /^\/v1\/notes\/(\d+)$/,
    handle: async (call, [id]) => {
      const note = await one(call, "notes", id);
      return note ? ok(await withRelated(call, note)) : notFound("Note");
    },
  },
];
