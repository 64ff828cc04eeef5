// The Pipedrive sandbox company's own state (daily token budget, billing, whose token it is), kept as one
// record of the account (module "_company") so that every app process sees the same budget: spending it
// is one atomic UPDATE, as concurrent requests of one company draw from one pool at Pipedrive.
import { db } from "../client";
import { toJson, type JsonDocument, type StoredJson } from "../json";

export const COMPANY_MODULE = "_company";
export const COMPANY_ID = "state";

/**
 * Spends `cost` tokens of the day `day` (the company's local date): a new day starts from zero. Refused
 * (null) once nothing is left; a call is let through while any token is left, as a bucket that may end
 * slightly below zero. Returns the state after spending.
 */
export async function spendSandboxBudget(accountId: string, day: string, cost: number): Promise<StoredJson | null> {
  const rows = await db().$queryRaw<Array<{ data: StoredJson }>>`
    UPDATE "SandboxRecord"
       SET data = CASE WHEN data->>'day' = ${day}
                       THEN jsonb_set(data, '{used}', to_jsonb((data->>'used')::int + ${cost}::int))
                       ELSE jsonb_set(jsonb_set(data, '{day}', to_jsonb(${day}::text)), '{used}', to_jsonb(${cost}::int)) END,
           "updatedAt" = now()
     WHERE "accountId" = ${accountId} AND module = ${COMPANY_MODULE} AND id = ${COMPANY_ID}
       AND (data->>'day' IS DISTINCT FROM ${day} OR (data->>'used')::int < (data->>'budget')::int)
 RETURNING data`;
  return rows[0]?.data ?? null;
}

/** Creates the company record when an account older than it has none (the seed writes it for new ones). */
export async function ensureSandboxCompany(accountId: string, initial: JsonDocument) {
  await db().sandboxRecord.upsert({
    where: { accountId_module_id: { accountId, module: COMPANY_MODULE, id: COMPANY_ID } },
    create: { accountId, module: COMPANY_MODULE, id: COMPANY_ID, data: toJson(initial) },
    update: {},
  });
}
