import { db } from "../client";

export async function listAuditEntries(projectId: string, options: { limit: number; action?: string }) {
  return db().auditEntry.findMany({
    where: { projectId, ...(options.action ? { action: { startsWith: options.action } } : {}) },
    orderBy: { createdAt: "desc" },
    take: options.limit,
    select: { id: true, actor: true, action: true, target: true, before: true, after: true, createdAt: true },
  });
}
