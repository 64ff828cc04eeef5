import type { CrmKind } from "@/lib/generated/prisma/enums";
import { db } from "../client";

export async function findLinks(projectId: string, crm: CrmKind, keys: string[]): Promise<Map<string, string>> {
  if (!keys.length) return new Map();
  const rows = await db().entityLink.findMany({ where: { projectId, crm, key: { in: keys } }, select: { kind: true, key: true, entityId: true } });
  return new Map(rows.map((row) => [`${row.kind}|${row.key}`, row.entityId]));
}

export async function saveLinks(projectId: string, crm: CrmKind, links: Array<{ kind: string; key: string; entityId: string }>) {
  for (const link of links) {
    await db().entityLink.upsert({
      where: { projectId_crm_kind_key: { projectId, crm, kind: link.kind, key: link.key } },
      create: { projectId, crm, ...link },
      update: { entityId: link.entityId },
    });
  }
}

export async function forgetLink(projectId: string, crm: CrmKind, kind: string, key: string) {
  await db().entityLink.deleteMany({ where: { projectId, crm, kind, key } });
}
