import { db } from "../client";

/** The live token with this hash, with the key of its project. */
export async function findActiveApiToken(tokenHash: string) {
  return db().apiToken.findFirst({
    where: { tokenHash, revokedAt: null },
    select: { id: true, role: true, name: true, project: { select: { id: true, key: true, timezone: true } } },
  });
}

export const touchApiToken = (id: string) => db().apiToken.update({ where: { id }, data: { lastUsedAt: new Date() }, select: { id: true } });
