import { db } from "../client";

export async function listAuditEntries(projectId: string, options: { limit: number; action?: string }) {
  return db().auditEntry.findMany({
    where: { projectId, ...(options.action ? { action: options.action } : {}) },
    orderBy: { createdAt: "desc" },
    take: options.limit,
    select: { id: true, actor: true, action: true, target: true, before: true, after: true, createdAt: true },
  });
}

export async function listAuditActions(projectId: string): Promise<string[]> {
  const rows = await db().auditEntry.findMany({ where: { projectId }, distinct: ["action"], select: { action: true }, orderBy: { action: "asc" } });
  return rows.map((row) => row.action);
}
