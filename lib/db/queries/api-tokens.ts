import { db } from "../client";
import { recordAudit } from "./record-audit";

/** The live token with this hash, with the key of its project. */
export async function findActiveApiToken(tokenHash: string) {
  return db().apiToken.findFirst({
    where: { tokenHash, revokedAt: null },
    select: { id: true, role: true, name: true, project: { select: { id: true, key: true, timezone: true } } },
  });
}

export const touchApiToken = (id: string) => db().apiToken.update({ where: { id }, data: { lastUsedAt: new Date() }, select: { id: true } });

const listed = { id: true, name: true, role: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true } as const;

/** The project's tokens, live ones first; never the hash. */
export const listApiTokens = (projectId: string) => db().apiToken.findMany({ where: { projectId }, orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }], select: listed });

/** A live (not revoked) token of the project. */
export const findLiveApiToken = (projectId: string, id: string) => db().apiToken.findFirst({ where: { id, projectId, revokedAt: null }, select: listed });

type Who = { userId: string | null; actor: string; projectKey: string };

/** Creates a token (and revokes `replaces`, for a rotation) in one transaction, with its audit entry. */
export async function insertApiToken(projectId: string, token: { name: string; role: "VIEWER" | "ADMIN"; tokenHash: string; prefix: string }, who: Who, replaces?: string) {
  return db().$transaction(async (tx) => {
    if (replaces) {
      const revoked = await tx.apiToken.updateMany({ where: { id: replaces, projectId, revokedAt: null }, data: { revokedAt: new Date() } });
      if (!revoked.count) return null;
    }
    const created = await tx.apiToken.create({ data: { projectId, ...token }, select: listed });
    await recordAudit(tx, { projectId, userId: who.userId, actor: who.actor, action: replaces ? "apiToken.rotate" : "apiToken.create", target: created.name, after: { name: created.name, role: created.role, prefix: created.prefix } });
    return created;
  });
}

/** Revokes a live token of the project; false when there is none with this id. */
export async function revokeApiTokenRow(projectId: string, id: string, who: Who): Promise<boolean> {
  return db().$transaction(async (tx) => {
    const token = await tx.apiToken.findFirst({ where: { id, projectId, revokedAt: null }, select: { name: true, role: true, prefix: true } });
    if (!token) return false;
    await tx.apiToken.update({ where: { id }, data: { revokedAt: new Date() } });
    await recordAudit(tx, { projectId, userId: who.userId, actor: who.actor, action: "apiToken.revoke", target: token.name, before: token });
    return true;
  });
}
