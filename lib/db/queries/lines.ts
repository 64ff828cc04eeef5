import { db } from "../client";

/** How many different employees took calls on each line among the project's most recent calls (shared lines). */
export async function employeesPerLine(projectId: string, recentCalls = 2000): Promise<Record<string, number>> {
  const rows = await db().$queryRaw<Array<{ line: string; employees: bigint }>>`
    SELECT line, count(DISTINCT sip) AS employees FROM (
      SELECT lower(payload->>'line') AS line, payload->'employee'->>'sip' AS sip FROM "Event"
      WHERE "projectId" = ${projectId} AND type = 'call' ORDER BY "receivedAt" DESC LIMIT ${recentCalls}) recent
    WHERE line IS NOT NULL AND sip IS NOT NULL GROUP BY line`;
  return Object.fromEntries(rows.map((row) => [row.line, Number(row.employees)]));
}
