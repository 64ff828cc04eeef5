// Incident state per project and kind. Opening and closing are single conditional statements, so when
// several processes evaluate at once exactly one of them sees the change (and sends its mail).
import { db } from "../client";

/** True when this call opened the incident (it was closed or never seen). */
export async function openAlert(projectId: string, kind: string, detail: string): Promise<boolean> {
  const rows = await db().$queryRaw<Array<{ opened: number }>>`
    INSERT INTO "AlertState" ("projectId", kind, "openSince", detail, "updatedAt") VALUES (${projectId}, ${kind}, now(), ${detail}, now())
    ON CONFLICT ("projectId", kind) DO UPDATE SET "openSince" = now(), detail = EXCLUDED.detail, "updatedAt" = now()
    WHERE "AlertState"."openSince" IS NULL
    RETURNING 1 AS opened`;
  return rows.length === 1;
}

/** The closed incident's detail when this call closed it; null when it was not open. */
export async function closeAlert(projectId: string, kind: string): Promise<string | null> {
  const rows = await db().$queryRaw<Array<{ detail: string | null }>>`
    UPDATE "AlertState" SET "openSince" = NULL, "updatedAt" = now() WHERE "projectId" = ${projectId} AND kind = ${kind} AND "openSince" IS NOT NULL
    RETURNING detail`;
  return rows.length === 1 ? (rows[0]!.detail ?? "") : null;
}

export const openAlerts = (projectId: string) =>
  db().alertState.findMany({ where: { projectId, openSince: { not: null } }, select: { kind: true, detail: true, openSince: true }, orderBy: { openSince: "asc" } });

/** Failed or dead, and settled (delivered, failed, dead), among the platform events received since `since`. */
export async function failureCounts(projectId: string, since: Date): Promise<{ failed: number; settled: number }> {
  const [row] = await db().$queryRaw<Array<{ failed: bigint; settled: bigint }>>`
    SELECT count(*) FILTER (WHERE status IN ('failed', 'dead')) AS failed, count(*) FILTER (WHERE status IN ('delivered', 'failed', 'dead')) AS settled
    FROM "Event" WHERE "projectId" = ${projectId} AND "receivedAt" >= ${since} AND type <> 'lookup'`;
  return { failed: Number(row?.failed ?? 0), settled: Number(row?.settled ?? 0) };
}

/** Who is told: the project's OWNERs and ADMINs. */
export const alertRecipients = async (projectId: string) =>
  (await db().membership.findMany({ where: { projectId, role: { in: ["OWNER", "ADMIN"] } }, select: { user: { select: { email: true } } } })).map((row) => row.user.email).sort();

/** Projects worth evaluating: connected, or with an incident still open. */
export const projectsToWatch = async () =>
  (await db().project.findMany({ where: { OR: [{ integration: { isNot: null } }, { alerts: { some: { openSince: { not: null } } } }] }, select: { id: true } })).map((row) => row.id);
