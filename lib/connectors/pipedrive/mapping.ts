// Pipedrive resources in the shared vocabulary of lib/connectors/types.ts.
// Request bodies are typed by Pipedrive's own client (a devDependency: types only, nothing at run time).
import type { v1, v2 } from "pipedrive";
import type { CallLogInput, CrmRecord, EntityInput, EntityKind, FieldEntity } from "../types";
import { writtenBy } from "../types";
import type { PipedriveEntity } from "./schemas";

export const RESOURCES: Record<EntityKind, { path: string; version: "v1" | "v2" }> = {
  contact: { path: "persons", version: "v2" },
  organization: { path: "organizations", version: "v2" },
  deal: { path: "deals", version: "v2" },
  lead: { path: "leads", version: "v1" },
};

/** Leads reuse the deal fields; call logs have a fixed set of fields (none custom). */
export const FIELD_LISTS: Record<FieldEntity, string | null> = {
  contact: "personFields",
  organization: "organizationFields",
  deal: "dealFields",
  lead: "dealFields",
  task: "activityFields",
  call: null,
};

/** F4: varchar (255), varchar_auto and text are Pipedrive's string field types. */
export const STRING_TYPES = new Set(["varchar", "varchar_auto", "text"]);

/** Pipedrive's field metadata states no length: its string types have fixed ones (large text: 65,535). */
export const FIELD_LENGTHS: Record<string, number | undefined> = { varchar: 255, varchar_auto: 255, text: 65_535 };

function customFields(entity: PipedriveEntity): Record<string, unknown> {
  const value = entity.custom_fields;
  if (!value || Array.isArray(value)) return {};
  return value;
}

export function toCrmRecord(kind: EntityKind, entity: PipedriveEntity): CrmRecord {
  const status = entity.status ?? null;
  return {
    kind,
    id: entity.id,
    name: (kind === "deal" || kind === "lead" ? entity.title : entity.name) ?? entity.name ?? "",
    ownerId: entity.owner_id ?? entity.owner ?? null,
    phones: (entity.phones ?? []).filter(Boolean),
    emails: (entity.emails ?? []).filter(Boolean),
    organizationId: kind === "organization" ? null : (entity.org_id ?? entity.organization_id ?? entity.organization ?? null),
    contactId: kind === "deal" || kind === "lead" ? (entity.person_id ?? null) : null,
    pipelineId: entity.pipeline_id ?? null,
    stageId: entity.stage_id ?? null,
    open: kind === "deal" ? status === "open" : kind === "lead" ? entity.is_archived !== true : true,
    converted: false,
    // Deleted in Pipedrive but still readable for 30 days: never linked to or written again.
    ...(entity.is_deleted === true || entity.active_flag === false ? { inactive: true } : {}),
    updatedAt: typeof entity.update_time === "string" ? entity.update_time : null,
    createdAt: typeof entity.add_time === "string" ? entity.add_time : null,
    fields: { ...customFields(entity), ...entity },
  };
}

const num = (value: string | undefined) => (value === undefined ? undefined : Number(value));

type RequestBody = v2.AddPersonRequest | v2.AddOrganizationRequest | v2.AddDealRequest | (v1.AddLeadRequest & Record<string, unknown>);

/**
 * The body of a create or update, typed by Pipedrive's own client. v2 bodies take custom fields under
 * `custom_fields`; v1 leads take them as top-level keys.
 */
export function toPipedriveBody(kind: EntityKind, input: EntityInput): RequestBody {
  const name = input.name ?? ([input.firstName, input.lastName].filter(Boolean).join(" ") || undefined);
  const owner_id = num(input.ownerId);
  const custom_fields = input.fields && Object.keys(input.fields).length ? input.fields : undefined;
  const defined = <T extends object>(body: T): T => Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined)) as T;
  switch (kind) {
    case "contact":
      return defined<v2.AddPersonRequest>({
        name,
        owner_id,
        org_id: num(input.organizationId),
        phones: input.phones?.map((value, index) => ({ value, primary: index === 0, label: index === 0 ? "work" : "other" })),
        emails: input.emails?.map((value, index) => ({ value, primary: index === 0, label: "work" })),
        custom_fields,
      });
    case "organization":
      return defined<v2.AddOrganizationRequest>({ name: name!, owner_id, custom_fields });
    case "deal":
      return defined<v2.AddDealRequest>({
        title: name!,
        owner_id,
        person_id: num(input.contactId),
        org_id: num(input.organizationId),
        pipeline_id: num(input.pipelineId),
        stage_id: num(input.stageId),
        custom_fields,
      });
    case "lead":
      // Leads take UUID ids of their own but numeric person/organization ids.
      return defined<v1.AddLeadRequest & Record<string, unknown>>({ title: name!, owner_id, person_id: num(input.contactId), organization_id: input.contactId ? undefined : num(input.organizationId), ...custom_fields });
  }
}

/** "YYYY-MM-DD HH:MM:SS" in UTC, as callLogs expect. */
export function pipedriveDateTime(date: Date): string {
  return date.toISOString().slice(0, 19).replace("T", " ");
}

export function toPipedriveCallLog(input: CallLogInput, userId: string | undefined): v1.AddCallLogRequest {
  const end = new Date(input.startedAt.getTime() + input.durationSec * 1000);
  const body: v1.AddCallLogRequest = {
    user_id: num(userId),
    subject: input.subject,
    note: writtenBy(input.reference, input.note),
    outcome: input.status === "answered" ? "connected" : "no_answer",
    from_phone_number: input.fromNumber,
    to_phone_number: input.toNumber,
    start_time: pipedriveDateTime(input.startedAt),
    end_time: pipedriveDateTime(end),
    duration: String(Math.max(0, Math.round(input.durationSec))),
    person_id: num(input.links.contactId),
    org_id: num(input.links.organizationId),
    // A call log links a deal or a lead, never both.
    ...(input.links.dealId ? { deal_id: num(input.links.dealId) } : input.links.leadId ? { lead_id: input.links.leadId } : {}),
  };
  return Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined)) as v1.AddCallLogRequest;
}
