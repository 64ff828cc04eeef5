import type { CrmKind } from "@/lib/generated/prisma/enums";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "../client";

export async function findLinks(projectId: string, crm: CrmKind, keys: string[]): Promise<Map<string, string>> {
  if (!keys.length) return new Map();
  const rows = await db().entityLink.findMany({ where: { projectId, crm, key: { in: keys } }, select: { kind: true, key: true, entityId: true } });
  return new Map(rows.map((row) => [`${row.kind}|${row.key}`, row.entityId]));
}

/** One statement for all of an event's links. */
export async function saveLinks(projectId: string, crm: CrmKind, links: Array<{ kind: string; key: string; entityId: string }>) {
  if (!links.length) return;
  const rows = links.map((link) => Prisma.sql`(${projectId}, ${crm}::"CrmKind", ${link.kind}, ${link.key}, ${link.entityId}, now())`);
  await db().$executeRaw`
    INSERT INTO "EntityLink" ("projectId", crm, kind, key, "entityId", "updatedAt") VALUES ${Prisma.join(rows)}
    ON CONFLICT ("projectId", crm, kind, key) DO UPDATE SET "entityId" = EXCLUDED."entityId", "updatedAt" = now()`;
}

export async function forgetLink(projectId: string, crm: CrmKind, kind: string, key: string) {
  await db().entityLink.deleteMany({ where: { projectId, crm, kind, key } });
}
