// Zoho CRM modules and records in the shared vocabulary of lib/connectors/types.ts.
import type { CallLogInput, CrmRecord, EntityInput, EntityKind, EntityLinks, FieldEntity } from "../types";
import { writtenBy } from "../types";
import type { ZohoRecord } from "./schemas";
import type { StageIndex } from "./stages";

export const MODULES: Record<FieldEntity, string> = {
  lead: "Leads",
  contact: "Contacts",
  organization: "Accounts",
  deal: "Deals",
  task: "Tasks",
  call: "Calls",
};

/** F4: only plain text fields may be written by mapping tabs (multi-line ones too: a call's summary fits there). */
export const STRING_TYPES = new Set(["text", "textarea"]);

const lookupId = (value: unknown) => (value && typeof value === "object" && "id" in value ? String((value as { id: unknown }).id) : null);

/** Every phone field Zoho has on Contacts (Leads have the first two, Accounts the first), in layout order. */
export const PHONE_FIELD_NAMES = ["Phone", "Mobile", "Home_Phone", "Other_Phone", "Asst_Phone"] as const;

/** A converted lead's targets from `$converted_detail` (Zoho answers `[]` or `{}` before a conversion). */
function convertedTo(record: ZohoRecord): CrmRecord["convertedTo"] {
  const detail = record.$converted_detail;
  if (record.$converted !== true || !detail || Array.isArray(detail)) return undefined;
  const idOf = (target: unknown) => (typeof target === "string" ? target : (lookupId(target) ?? undefined));
  const targets = { contactId: idOf(detail.contact), organizationId: idOf(detail.account), dealId: idOf(detail.deal) };
  return Object.fromEntries(Object.entries(targets).filter(([, id]) => id)) as CrmRecord["convertedTo"];
}

function nameOf(kind: EntityKind, record: ZohoRecord): string {
  if (kind === "organization") return typeof record.Account_Name === "string" ? record.Account_Name : "";
  if (kind === "deal") return record.Deal_Name ?? "";
  return record.Full_Name ?? [record.First_Name, record.Last_Name].filter(Boolean).join(" ");
}

/** `stages` turns a deal's Stage value into the stage's id and tells whether deals there are open. */
export function toCrmRecord(kind: EntityKind, record: ZohoRecord, stages?: StageIndex): CrmRecord {
  const pipelineId = kind === "deal" ? (lookupId(record.Pipeline) ?? (typeof record.Pipeline === "string" ? record.Pipeline : null)) : null;
  const value = kind === "deal" ? (record.Stage ?? null) : null;
  const stage = value === null ? null : (stages?.ofDeal(pipelineId, value) ?? null);
  return {
    kind,
    id: record.id,
    name: nameOf(kind, record),
    ownerId: lookupId(record.Owner),
    phones: PHONE_FIELD_NAMES.map((field) => record[field]).filter((value): value is string => typeof value === "string" && value.trim() !== ""),
    emails: record.Email ? [record.Email] : [],
    organizationId: kind === "organization" ? null : lookupId(record.Account_Name),
    contactId: kind === "deal" ? lookupId(record.Contact_Name) : null,
    pipelineId,
    // A stage unknown to the pipelines read (renamed since) keeps its value, and the deal counts as open.
    stageId: stage?.id ?? value,
    open: stage?.open ?? true,
    converted: record.$converted === true,
    ...(kind === "lead" && record.$converted === true ? { convertedTo: convertedTo(record) } : {}),
    updatedAt: typeof record.Modified_Time === "string" ? record.Modified_Time : null,
    createdAt: typeof record.Created_Time === "string" ? record.Created_Time : null,
    fields: record,
  };
}

function splitName(input: EntityInput): { First_Name?: string; Last_Name?: string } {
  if (input.lastName || input.firstName) return { First_Name: input.firstName, Last_Name: input.lastName || input.firstName };
  const parts = (input.name ?? "").trim().split(/\s+/);
  if (parts.length < 2) return { Last_Name: parts[0] || undefined };
  return { First_Name: parts.slice(0, -1).join(" "), Last_Name: parts.at(-1) };
}

/**
 * The record body Zoho expects for an insert or update of this module. Undefined keys are left out.
 * `stageValue` is the Stage picklist value of `input.stageId` (see stages.ts).
 */
export function toZohoRecord(kind: EntityKind, input: EntityInput, stageValue?: string): Record<string, unknown> {
  const record: Record<string, unknown> = { ...input.fields };
  if (input.ownerId) record.Owner = { id: input.ownerId };
  const [phone, mobile] = input.phones ?? [];
  if (phone) record.Phone = phone;
  if (mobile) record.Mobile = mobile;
  if (input.emails?.[0] && kind !== "deal" && kind !== "organization") record.Email = input.emails[0];
  switch (kind) {
    case "contact":
      Object.assign(record, splitName(input));
      if (input.organizationId) record.Account_Name = { id: input.organizationId };
      break;
    case "lead":
      Object.assign(record, splitName(input));
      break;
    case "organization":
      if (input.name) record.Account_Name = input.name;
      break;
    case "deal":
      if (input.name) record.Deal_Name = input.name;
      if (input.contactId) record.Contact_Name = { id: input.contactId };
      if (input.organizationId) record.Account_Name = { id: input.organizationId };
      if (input.pipelineId) record.Pipeline = { id: input.pipelineId };
      if (input.stageId) record.Stage = stageValue ?? input.stageId;
      break;
  }
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}

/** Who_Id takes a contact or lead; What_Id a deal or account, named by $se_module. */
export function linkFields(links: EntityLinks): Record<string, unknown> {
  const who = links.contactId ?? links.leadId;
  const what = links.dealId ? { id: links.dealId, module: "Deals" } : links.organizationId ? { id: links.organizationId, module: "Accounts" } : null;
  return {
    ...(who ? { Who_Id: { id: who } } : {}),
    ...(what ? { What_Id: { id: what.id }, $se_module: what.module } : {}),
  };
}

const pad = (value: number) => String(value).padStart(2, "0");

/** Zoho's Call_Duration is "mm:ss" (minutes may exceed 59). */
export function callDuration(seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  return `${pad(Math.floor(total / 60))}:${pad(total % 60)}`;
}

/** ISO 8601 with an explicit offset, as Zoho's datetime fields require (no milliseconds). */
export function zohoDateTime(date: Date): string {
  return `${date.toISOString().slice(0, 19)}+00:00`;
}

export function toZohoCall(input: CallLogInput): Record<string, unknown> {
  const type = input.status === "missed" ? "Missed" : input.direction === "incoming" ? "Inbound" : "Outbound";
  return {
    Subject: input.subject,
    Call_Type: type,
    Call_Start_Time: zohoDateTime(input.startedAt),
    Call_Duration: callDuration(input.durationSec),
    Call_Result: input.status === "missed" ? "No answer" : "Connected",
    Description: writtenBy(input.reference, input.note ?? `${input.fromNumber} → ${input.toNumber}`),
    ...(input.ownerId ? { Owner: { id: input.ownerId } } : {}),
    ...linkFields(input.links),
  };
}
