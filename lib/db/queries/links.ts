import { storedCrm, type CrmKind } from "../crm-kind";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "../client";

export async function findLinks(projectId: string, crmKind: CrmKind, keys: string[]): Promise<Map<string, string>> {
  const crm = storedCrm(crmKind);
  if (!keys.length) return new Map();
  const rows = await db().entityLink.findMany({ where: { projectId, crm, key: { in: keys } }, select: { kind: true, key: true, entityId: true } });
  return new Map(rows.map((row) => [`${row.kind}|${row.key}`, row.entityId]));
}

/** One statement for all of an event's links. */
export async function saveLinks(projectId: string, crmKind: CrmKind, links: Array<{ kind: string; key: string; entityId: string }>) {
  const crm = storedCrm(crmKind);
  if (!links.length) return;
  const rows = links.map((link) => Prisma.sql`(${projectId}, ${crm}::"CrmKind", ${link.kind}, ${link.key}, ${link.entityId}, now())`);
  await db().$executeRaw`
    INSERT INTO "EntityLink" ("projectId", crm, kind, key, "entityId", "updatedAt") VALUES ${Prisma.join(rows)}
    ON CONFLICT ("projectId", crm, kind, key) DO UPDATE SET "entityId" = EXCLUDED."entityId", "updatedAt" = now()`;
}

export async function forgetLink(projectId: string, crmKind: CrmKind, kind: string, key: string) {
  const crm = storedCrm(crmKind);
  await db().entityLink.deleteMany({ where: { projectId, crm, kind, key } });
}
