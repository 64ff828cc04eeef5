// Storage of the sandbox CRMs: their own tables, never touched by the app's own data.
import type { CrmKind } from "@/lib/generated/prisma/enums";
import type { SandboxAccount } from "@/lib/generated/prisma/client";
import { hashToken, openSecret, sealSecret, secretPlaces } from "@/lib/crypto/secrets";
import { db } from "../client";
import { toJson, type JsonDocument, type StoredJson } from "../json";

/** A sandbox account as the sandbox CRMs read it (credentials opened). */
export type SandboxAccountRow = SandboxAccount;

// A sandbox account's credentials (client secret, refresh and API tokens) are stored sealed, bound to the
// account, like the app's own secrets: `{ sealed }` in the JSON column. Rows written before that hold the
// plain object and are still read as they are.
type AccountRow = { crm: string; name: string; credentials: StoredJson };
const sealCredentials = (crm: string, name: string, credentials: JsonDocument) => ({
  sealed: sealSecret(JSON.stringify(credentials), secretPlaces.sandboxCredentials(crm, name)),
});
function opened<T extends AccountRow | null>(row: T): T {
  const sealed = (row?.credentials as { sealed?: unknown } | null)?.sealed;
  if (!row || typeof sealed !== "string") return row;
  return { ...row, credentials: JSON.parse(openSecret(sealed, secretPlaces.sandboxCredentials(row.crm, row.name))) as StoredJson };
}

/**
 * Tokens are kept as their SHA-256 (they are high-entropy, like the app's API tokens): found by the value a
 * client presents, never readable from the table. Rows written before are plain, and still found by it.
 */
export const storedToken = (token: string) => `sha256:${hashToken(token)}`;
const tokenKeys = (token: string) => [storedToken(token), token];

export type SandboxRecordRow = { module: string; id: string; data: StoredJson; createdAt: Date; updatedAt: Date };

export const findSandboxAccount = async (crm: CrmKind, name: string) => opened(await db().sandboxAccount.findUnique({ where: { crm_name: { crm, name } } }));

export const findFirstProjectSandboxAccount = async (crm: CrmKind, projectId: string) => opened(await db().sandboxAccount.findFirst({ where: { crm, projectId }, orderBy: { createdAt: "asc" } }));

/** A project's sandbox accounts of one CRM (only its own). */
export const listSandboxAccounts = (crm: CrmKind, projectId: string) =>
  db().sandboxAccount.findMany({ where: { crm, projectId }, orderBy: { createdAt: "asc" }, select: { id: true, name: true } });

/** Creates the account with its seed in one transaction; a concurrent creator's account wins. */
export async function createSandboxAccount(input: {
  crm: CrmKind;
  name: string;
  projectId?: string | null;
  credentials: JsonDocument;
  tokens: Array<{ token: string; kind: string; expiresAt?: Date }>;
  records: Array<{ module: string; id: string; data: JsonDocument }>;
  nextId: number;
}) {
  try {
    return await db().$transaction(async (tx) => {
      const account = await tx.sandboxAccount.create({ data: { crm: input.crm, name: input.name, projectId: input.projectId ?? null, credentials: sealCredentials(input.crm, input.name, input.credentials), nextId: input.nextId } });
      await tx.sandboxToken.createMany({ data: input.tokens.map((token) => ({ ...token, token: storedToken(token.token), accountId: account.id })) });
      await tx.sandboxRecord.createMany({ data: input.records.map((record) => ({ ...record, data: toJson(record.data), accountId: account.id })) });
      return opened(account);
    });
  } catch (error) {
    const existing = await findSandboxAccount(input.crm, input.name);
    if (existing) return existing;
    throw error;
  }
}

export async function deleteSandboxAccount(id: string) {
  await db().sandboxAccount.delete({ where: { id } });
}

export const updateSandboxFaults = (id: string, faults: JsonDocument) => db().sandboxAccount.update({ where: { id }, data: { faults: toJson(faults) } });

/** Next ids for new records, unique per account (like the vendor's own sequences). */
export async function nextSandboxIds(accountId: string, count = 1): Promise<number> {
  const [row] = await db().$queryRaw<Array<{ nextId: number }>>`
    UPDATE "SandboxAccount" SET "nextId" = "nextId" + ${count} WHERE id = ${accountId} RETURNING "nextId" - ${count} AS "nextId"`;
  if (!row) throw new Error("sandbox account vanished");
  return row.nextId;
}

export const findSandboxToken = (token: string) => db().sandboxToken.findFirst({ where: { token: { in: tokenKeys(token) } } });

export const createSandboxToken = (accountId: string, token: string, kind: string, expiresAt?: Date) =>
  db().sandboxToken.create({ data: { accountId, token: storedToken(token), kind, expiresAt } });

export const revokeSandboxToken = (token: string) => db().sandboxToken.updateMany({ where: { token: { in: tokenKeys(token) } }, data: { revokedAt: new Date() } });

export async function revokeSandboxTokens(accountId: string, kinds: string[]) {
  await db().sandboxToken.updateMany({ where: { accountId, kind: { in: kinds }, revokedAt: null }, data: { revokedAt: new Date() } });
}

export const listSandboxRecords = (accountId: string, module: string) =>
  db().sandboxRecord.findMany({ where: { accountId, module }, orderBy: { createdAt: "asc" }, select: { module: true, id: true, data: true, createdAt: true, updatedAt: true } });

export const countSandboxRecords = (accountId: string) => db().sandboxRecord.groupBy({ by: ["module"], where: { accountId }, _count: { _all: true } });

export const getSandboxRecord = (accountId: string, module: string, id: string) =>
  db().sandboxRecord.findUnique({ where: { accountId_module_id: { accountId, module, id } }, select: { module: true, id: true, data: true, createdAt: true, updatedAt: true } });

export const insertSandboxRecord = (accountId: string, module: string, id: string, data: JsonDocument) =>
  db().sandboxRecord.create({ data: { accountId, module, id, data: toJson(data) } });

export const replaceSandboxRecordData = (accountId: string, module: string, id: string, data: JsonDocument) =>
  db().sandboxRecord.update({ where: { accountId_module_id: { accountId, module, id } }, data: { data: toJson(data) } });

export const deleteSandboxRecord = (accountId: string, module: string, id: string) => db().sandboxRecord.deleteMany({ where: { accountId, module, id } });

export const insertSandboxFile = (file: { accountId: string; module: string; recordId: string; fileName: string; contentType: string; size: number; content?: Uint8Array; link?: string }) =>
  db().sandboxFile.create({
    data: { ...file, content: file.content ? Buffer.from(file.content) : undefined },
    select: { id: true, createdAt: true },
  });

export const listRecordFiles = (accountId: string, module: string, recordId: string) =>
  db().sandboxFile.findMany({ where: { accountId, module, recordId }, orderBy: { createdAt: "asc" }, select: { id: true, fileName: true, size: true, link: true, createdAt: true } });

export const countSandboxFiles = (accountId: string, module: string, recordId: string) => db().sandboxFile.count({ where: { accountId, module, recordId } });

export const listSandboxFiles = (accountId: string) =>
  db().sandboxFile.findMany({
    where: { accountId },
    orderBy: { createdAt: "asc" },
    select: { id: true, module: true, recordId: true, fileName: true, contentType: true, size: true, link: true, createdAt: true },
  });

export const findSandboxAccountById = async (id: string) => opened(await db().sandboxAccount.findUnique({ where: { id } }));

/** The account a token (API token, OAuth client id, access token …) belongs to, if the token is live. */
export async function findAccountOfToken(token: string, kind: string) {
  const row = await db().sandboxToken.findFirst({ where: { token: { in: tokenKeys(token) } }, include: { account: true } });
  if (!row || row.kind !== kind || row.revokedAt || (row.expiresAt && row.expiresAt <= new Date())) return null;
  return opened(row.account);
}

/** Takes one request out of an injected 429 burst; false when no burst is pending. */
export async function consumeBurst429(accountId: string): Promise<boolean> {
  const rows = await db().$queryRaw<Array<{ id: string }>>`
    UPDATE "SandboxAccount"
       SET faults = jsonb_set(faults, '{burst429}', to_jsonb((faults->>'burst429')::int - 1))
     WHERE id = ${accountId} AND COALESCE((faults->>'burst429')::int, 0) > 0
 RETURNING id`;
  return rows.length > 0;
}

/** Back to the seed: every record and file replaced, faults cleared; credentials are kept. */
export async function resetSandboxAccountData(accountId: string, records: Array<{ module: string; id: string; data: JsonDocument }>, nextId: number) {
  await db().$transaction(async (tx) => {
    await tx.sandboxRecord.deleteMany({ where: { accountId } });
    await tx.sandboxFile.deleteMany({ where: { accountId } });
    await tx.sandboxRecord.createMany({ data: records.map((record) => ({ ...record, data: toJson(record.data), accountId })) });
    await tx.sandboxAccount.update({ where: { id: accountId }, data: { nextId, faults: {} } });
  });
}

/** Revokes every live token of the given kinds and issues the replacements named in `credentials`. */
export async function rotateSandboxCredentials(accountId: string, kinds: string[], credentials: JsonDocument, fresh: Array<{ token: string; kind: string }>) {
  await db().$transaction(async (tx) => {
    await tx.sandboxToken.updateMany({ where: { accountId, kind: { in: kinds }, revokedAt: null }, data: { revokedAt: new Date() } });
    await tx.sandboxToken.createMany({ data: fresh.map((token) => ({ ...token, token: storedToken(token.token), accountId })) });
    const account = await tx.sandboxAccount.findUniqueOrThrow({ where: { id: accountId }, select: { crm: true, name: true } });
    await tx.sandboxAccount.update({ where: { id: accountId }, data: { credentials: sealCredentials(account.crm, account.name, credentials) } });
  });
}

/** The Zoho sandbox account whose org has this domain name (its record web links name it). */
export async function findZohoAccountOfOrg(domainName: string) {
  const org = await db().sandboxRecord.findFirst({ where: { module: "org", id: "org", data: { path: ["domain_name"], equals: domainName }, account: { crm: "zoho" } }, select: { accountId: true } });
  return org ? db().sandboxAccount.findUnique({ where: { id: org.accountId }, select: { name: true, project: { select: { key: true } } } }) : null;
}

/** By name, whatever its case (a Pipedrive company domain is the account's name lower-cased). */
export const findSandboxAccountProject = (crm: CrmKind, name: string) =>
  db().sandboxAccount.findFirst({ where: { crm, name: { equals: name, mode: "insensitive" } }, orderBy: { createdAt: "asc" }, select: { name: true, project: { select: { key: true } } } });
