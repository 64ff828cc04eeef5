// Links a Pipedrive write may name: the user must exist, and the record must exist and not be deleted
// (a deleted record is only readable, for 30 days).
import { asId, type Entity, isDeleted, one, type PipedriveCall, users, validation } from "./answers";

/** A record that may be linked to or written: deleted ones are only readable. */
export async function live(call: PipedriveCall, module: string, id: unknown): Promise<Entity | null> {
  const entity = await one(call, module, id);
  return entity && !isDeleted(entity) ? entity : null;
}

export async function checkRefs(call: PipedriveCall, body: Record<string, unknown>): Promise<Response | null> {
  if (body.owner_id !== undefined && !(await users(call)).some((user) => user.id === asId(body.owner_id))) return validation("owner_id: user not found");
  if (body.org_id != null && !(await live(call, "organizations", body.org_id))) return validation("org_id: organization not found");
  if (body.organization_id != null && !(await live(call, "organizations", body.organization_id))) return validation("organization_id: organization not found");
  if (body.person_id != null && !(await live(call, "persons", body.person_id))) return validation("person_id: person not found");
  if (body.deal_id != null && !(await live(call, "deals", body.deal_id))) return validation("deal_id: deal not found");
  if (body.lead_id != null && !(await live(call, "leads", body.lead_id))) return validation("lead_id: lead not found");
  return null;
}
