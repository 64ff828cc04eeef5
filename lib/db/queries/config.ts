import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "../client";
import { inTransaction } from "../transaction";
import type { ConfigSection } from "@/lib/validation/config";
import { recordAudit } from "./record-audit";
import { toJson, type JsonDocument } from "../json";

export async function findConfigDocument(projectId: string): Promise<unknown | null> {
  return (await db().projectConfig.findUnique({ where: { projectId } }))?.document ?? null;
}

type ConfigChange = { section: ConfigSection; before: unknown; after: unknown };
type Audit = { userId: string | null; actor: string; target: string };

/** Writes the document and one audit entry per changed section: inside `tx` when given, else in its own transaction. */
export async function writeConfigDocument(projectId: string, document: JsonDocument, changes: ConfigChange[], audit: Audit, tx?: Prisma.TransactionClient) {
  const write = async (client: Prisma.TransactionClient) => {
    await client.projectConfig.upsert({ where: { projectId }, create: { projectId, document: toJson(document) }, update: { document: toJson(document) } });
    for (const change of changes) {
      await recordAudit(client, {
          projectId,
          userId: audit.userId,
          actor: audit.actor,
          action: `config.${change.section}.update`,
          target: audit.target,
          before: change.before as Prisma.InputJsonValue,
          after: change.after as Prisma.InputJsonValue,
        });
    }
  };
  await inTransaction(write, tx);
}
