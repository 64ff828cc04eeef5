// First touch (F8, issue 21): what Callbridge last wrote into a CRM record's UTM fields, and the time of
// the event it came from (prisma model UtmTouch). Read before a plan is made, written once the CRM took it.
import { z } from "zod";
import { storedCrm, type CrmKind } from "../crm-kind";
import { db } from "../client";

export interface UtmTouchRow {
  entityKind: string;
  entityId: string;
  occurredAt: Date;
  values: Record<string, string>;
}

// The column is JSON: what comes back is checked, so a row written by hand or by an older version cannot
// slip a non-string value into a CRM write.
const touchValues = z.record(z.string(), z.string());

/** The remembered touches of these records (any of them may have none). */
export async function findUtmTouches(projectId: string, crmKind: CrmKind, records: Array<{ kind: string; id: string }>): Promise<UtmTouchRow[]> {
  const crm = storedCrm(crmKind);
  if (!records.length) return [];
  const rows = await db().utmTouch.findMany({
    where: { projectId, crm, OR: records.map((record) => ({ entityKind: record.kind, entityId: record.id })) },
    select: { entityKind: true, entityId: true, occurredAt: true, values: true },
  });
  return rows.flatMap((row) => {
    const values = touchValues.safeParse(row.values);
    return values.success ? [{ ...row, values: values.data }] : [];
  });
}

/** What a record's UTM fields now hold from Callbridge, replacing what was remembered. */
export async function saveUtmTouch(projectId: string, crmKind: CrmKind, touch: UtmTouchRow): Promise<void> {
  const crm = storedCrm(crmKind);
  const key = { projectId, crm, entityKind: touch.entityKind, entityId: touch.entityId };
  const data = { occurredAt: touch.occurredAt, values: touchValues.parse(touch.values) };
  await db().utmTouch.upsert({ where: { projectId_crm_entityKind_entityId: key }, create: { ...key, ...data }, update: data });
}
