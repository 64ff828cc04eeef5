import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "../client";

export async function findConfigDocument(projectId: string): Promise<unknown | null> {
  return (await db().projectConfig.findUnique({ where: { projectId } }))?.document ?? null;
}

/** Writes the document and one audit entry per changed section, in one transaction. */
export async function writeConfigDocument(
  projectId: string,
  document: Prisma.InputJsonValue,
  changes: Array<{ section: string; before: unknown; after: unknown }>,
  audit: { userId: string | null; actor: string; target: string },
) {
  await db().$transaction(async (tx) => {
    await tx.projectConfig.upsert({ where: { projectId }, create: { projectId, document }, update: { document } });
    for (const change of changes) {
      await tx.auditEntry.create({
        data: {
          projectId,
          userId: audit.userId,
          actor: audit.actor,
          action: `config.${change.section}.update`,
          target: audit.target,
          before: change.before as Prisma.InputJsonValue,
          after: change.after as Prisma.InputJsonValue,
        },
      });
    }
  });
}
