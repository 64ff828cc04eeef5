// PUT /v1/persons/{id}/merge {merge_with_id}: https://pipedrive.readme.io/docs/merging-two-persons
// The person of merge_with_id survives and keeps its own values; fields it has empty take the other's;
// phones and e-mails of both are kept; "all related data (activities, emails, filters, notes, products,
// followers, participants) will be transferred" (deals, leads and call logs with them). The person in the
// URL "will be removed": deleted like a DELETE (readable for 30 days with is_deleted, found by no search).
// Pipedrive documents no pointer from the removed person to the survivor; only the merge answer names
// the removed one, as `merge_what_id` on the survivor.
import { listSandboxRecords, replaceSandboxRecordData } from "@/lib/db/queries/sandbox";
import { readJson, type Route } from "../http";
import { asId, type Entity, notFound, ok, type PipedriveCall, pdError, pdTime } from "./answers";
import { live } from "./refs";

type Point = { value: string; primary: boolean; label: string };

/** A record deleted now: kept, flagged, and stamped so that it can be purged after 30 days. */
export const markDeleted = (entity: Entity): Entity => ({ ...entity, is_deleted: true, active_flag: false, delete_time: new Date().toISOString(), update_time: pdTime() });

/** The survivor's points first (its primary stays primary), then the other's that it lacks. */
function union(kept: unknown, other: unknown): Point[] {
  const mine = (Array.isArray(kept) ? kept : []) as Point[];
  const seen = new Set(mine.map((point) => point.value));
  return [...mine, ...((Array.isArray(other) ? other : []) as Point[]).filter((point) => !seen.has(point.value)).map((point) => ({ ...point, primary: mine.length === 0 && point.primary }))];
}

const empty = (value: unknown) => value === null || value === undefined || value === "";

/** Moves every record of `module` linked to the removed person over to the survivor. */
async function moveLinks(call: PipedriveCall, module: string, from: number, to: number) {
  for (const row of await listSandboxRecords(call.account.id, module)) {
    const data = row.data as Entity;
    if (data.person_id === from) await replaceSandboxRecordData(call.account.id, module, row.id, { ...data, person_id: to });
  }
}

async function mergePersons(call: PipedriveCall, id: string): Promise<Response> {
  const body = (await readJson(call.request)) as { merge_with_id?: unknown } | null;
  const survivorId = asId(body?.merge_with_id);
  if (survivorId === null || !Number.isInteger(survivorId)) return pdError(400, "Validation failed: merge_with_id: Parameter is required");
  if (survivorId === Number(id)) return pdError(400, "Cannot merge a person with itself");
  const merged = await live(call, "persons", id);
  const survivor = await live(call, "persons", survivorId);
  if (!merged || !survivor) return notFound("Person");

  const kept: Entity = { ...survivor, phones: union(survivor.phones, merged.phones), emails: union(survivor.emails, merged.emails), update_time: pdTime() };
  for (const key of ["org_id", "owner_id"]) if (empty(kept[key])) kept[key] = merged[key] ?? null;
  const custom = { ...((merged.custom_fields ?? {}) as Record<string, unknown>) };
  for (const [key, value] of Object.entries((survivor.custom_fields ?? {}) as Record<string, unknown>)) if (!empty(value)) custom[key] = value;
  kept.custom_fields = custom;
  await replaceSandboxRecordData(call.account.id, "persons", String(survivorId), kept);
  for (const linked of ["deals", "leads", "activities", "callLogs", "notes"]) await moveLinks(call, linked, Number(id), survivorId);
  await replaceSandboxRecordData(call.account.id, "persons", id, markDeleted(merged));

  // The v1 answer: the survivor in v1 field names (phone / email, active_flag), naming the removed person.
  const { phones, emails, ...rest } = kept;
  return ok({ ...rest, phone: phones, email: emails, active_flag: true, merge_what_id: Number(id) });
}

export const mergeRoutes: Route<PipedriveCall>[] = [{ method: "PUT", pattern: /^\/v1\/persons\/(\d+)\/merge$/, handle: (call, [id]) => mergePersons(call, id!) }];
