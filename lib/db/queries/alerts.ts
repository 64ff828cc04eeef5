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

/** Who is told: the project's OWNERs and ADMINs. */
export const alertRecipients = async (projectId: string) =>
  (await db().membership.findMany({ where: { projectId, role: { in: ["OWNER", "ADMIN"] } }, select: { user: { select: { email: true } } } })).map((row) => row.user.email).sort();

export interface WatchedProjectFacts {
  projectId: string;
  status: "active" | "inactive" | "broken" | null;
  lastError: string | null;
  pausedUntil: Date | null;
  pauseReason: string | null;
  failed: number;
  settled: number;
  open: string[];
}

/**
 * The facts every alert decision needs (status, the last hour's failed and settled platform events, the
 * incidents open), for every project worth watching (connected, or with an incident still open), or for
 * one of them, in one statement: the per-minute pass costs one query however many projects there are.
 */
export async function watchedProjectFacts(since: Date, onlyProjectId: string | null = null): Promise<WatchedProjectFacts[]> {
  const rows = await db().$queryRaw<Array<{ projectId: string; status: WatchedProjectFacts["status"]; lastError: string | null; pausedUntil: Date | null; pauseReason: string | null; failed: bigint; settled: bigint; open: string[] }>>`
    SELECT p.id AS "projectId", i.status::text AS status, i."lastError", i."pausedUntil", i."pauseReason", counts.failed, counts.settled,
      ARRAY(SELECT a.kind FROM "AlertState" a WHERE a."projectId" = p.id AND a."openSince" IS NOT NULL ORDER BY a.kind) AS open
    FROM "Project" p
    LEFT JOIN "Integration" i ON i."projectId" = p.id
    CROSS JOIN LATERAL (
      SELECT count(*) FILTER (WHERE e.status IN ('failed', 'dead')) AS failed, count(*) FILTER (WHERE e.status IN ('delivered', 'failed', 'dead')) AS settled
      FROM "Event" e WHERE e."projectId" = p.id AND e."receivedAt" >= ${since} AND e.type <> 'lookup'
    ) counts
    WHERE (${onlyProjectId}::text IS NULL OR p.id = ${onlyProjectId}::text)
      AND (i."projectId" IS NOT NULL OR EXISTS (SELECT 1 FROM "AlertState" a WHERE a."projectId" = p.id AND a."openSince" IS NOT NULL))`;
  return rows.map((row) => ({ ...row, failed: Number(row.failed), settled: Number(row.settled) }));
}
