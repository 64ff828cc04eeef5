// The Zoho sandbox's API-credit ledger: credits spent per minute, kept as sandbox records of the account
// (module "credits:spent", id = the minute), so a rolling 24-hour sum is one query and every sandbox
// process adds to the same ledger atomically. Gone with the account or a reset, like its other data.
import { db } from "../client";

const MODULE = "credits:spent";
const minuteOf = (at: number) => Math.floor(at / 60_000);

/** Credits spent in the 24 hours before `at`. */
export async function creditsSpentSince(accountId: string, at = Date.now()): Promise<number> {
  const rows = await db().$queryRaw<Array<{ spent: bigint | null }>>`
    SELECT SUM((data->>'credits')::bigint) AS spent FROM "SandboxRecord"
     WHERE "accountId" = ${accountId} AND module = ${MODULE} AND id::bigint > ${minuteOf(at) - 24 * 60}`;
  return Number(rows[0]?.spent ?? 0);
}

/** Adds credits to the current minute's entry (one statement: concurrent requests never lose a charge). */
export async function spendCredits(accountId: string, credits: number, at = Date.now()): Promise<void> {
  if (credits <= 0) return;
  const minute = String(minuteOf(at));
  await db().$executeRaw`
    INSERT INTO "SandboxRecord" ("accountId", module, id, data, "createdAt", "updatedAt")
    VALUES (${accountId}, ${MODULE}, ${minute}, jsonb_build_object('credits', ${credits}::int), now(), now())
    ON CONFLICT ("accountId", module, id)
    DO UPDATE SET data = jsonb_build_object('credits', ("SandboxRecord".data->>'credits')::int + ${credits}::int), "updatedAt" = now()`;
}

/** Replaces the ledger with one entry spent now (a test sets "credits left"), dropping what aged out. */
export async function resetCreditsSpent(accountId: string, spentNow: number, at = Date.now()): Promise<void> {
  await db().sandboxRecord.deleteMany({ where: { accountId, module: MODULE } });
  await spendCredits(accountId, spentNow, at);
}
