// What the Events page shows of a stored event: who the client is, and what was created or updated in the
// CRM (with the record's page when the CRM has one). Pure: the page passes the connection's facts in.
import { crmRecordUrl } from "@/lib/connectors/links";
import type { CrmKind, FieldEntity } from "@/lib/connectors/types";
import type { TraceEntry } from "@/lib/engine/trace";

/** The client, or for a call's recording or summary the call it belongs to (`ofCall` words it). */
export function clientOf(event: { type: string; payload: unknown; clientPhone: string | null; clientEmail: string | null }, ofCall: (callId: string) => string = (callId) => callId): string | null {
  const payload = (event.payload ?? {}) as { caller?: string; callerNumber?: string; callId?: string; client?: { name?: string; phone?: string } };
  if ((event.type === "recording" || event.type === "summary") && payload.callId) return ofCall(payload.callId);
  if (event.type === "messenger") return [payload.client?.name, event.clientPhone ?? payload.client?.phone].filter(Boolean).join(" · ") || null;
  return event.clientPhone ?? event.clientEmail ?? payload.caller ?? payload.callerNumber ?? null;
}

const ENTITIES: FieldEntity[] = ["lead", "contact", "organization", "deal", "task", "call"];

export interface CrmRecordRef {
  entity: FieldEntity;
  id: string;
  action: "created" | "updated";
  url: string | null;
}

/** The CRM records an event's trace created or updated on the current connection (older connections' ids mean nothing there). */
export function crmRecordsOf(trace: unknown, connection: { crm: CrmKind; apiBase?: string } | null): CrmRecordRef[] {
  if (!connection || !Array.isArray(trace)) return [];
  const records: CrmRecordRef[] = [];
  for (const entry of trace as TraceEntry[]) {
    if (!entry.ok || !entry.id || !entry.step) continue;
    if (entry.connection && entry.connection.split(":")[1] !== connection.crm) continue;
    const [op, kind] = entry.step.split(":");
    const entity = (op === "callLog" ? "call" : op === "task" ? "task" : kind) as FieldEntity;
    if ((op !== "create" && op !== "update" && op !== "callLog" && op !== "task") || !ENTITIES.includes(entity)) continue;
    if (records.some((record) => record.entity === entity && record.id === entry.id)) continue;
    records.push({ entity, id: entry.id, action: op === "update" ? "updated" : "created", url: crmRecordUrl(connection.crm, connection.apiBase, entity, entry.id) });
  }
  return records;
}
