// Validation and storage of Zoho records in the sandbox, with the vendor's per-record error answers.
import { getSandboxRecord, listSandboxRecords } from "@/lib/db/queries/sandbox";

export const ZOHO_MODULES = ["Leads", "Contacts", "Accounts", "Deals", "Tasks", "Calls"] as const;
export type ZohoModule = (typeof ZOHO_MODULES)[number];
export const isZohoModule = (value: string): value is ZohoModule => (ZOHO_MODULES as readonly string[]).includes(value);

export interface ZohoFieldMeta {
  api_name: string;
  data_type: string;
  length: number;
  system_mandatory?: boolean;
  read_only?: boolean;
  custom_field?: boolean;
  pick_list_values: Array<{ display_value: string }>;
  /** Zoho answers `module` as {api_name, id}; accounts seeded before that keep the bare name. */
  lookup?: { module: { api_name: string } | string };
}

const lookupModule = (field: ZohoFieldMeta) => (typeof field.lookup?.module === "string" ? field.lookup.module : (field.lookup?.module.api_name ?? ""));

export interface RecordError {
  code: "MANDATORY_NOT_FOUND" | "INVALID_DATA" | "DUPLICATE_DATA";
  details: Record<string, unknown>;
  message: string;
  status: "error";
}

const invalid = (apiName: string, message = "invalid data", extra: Record<string, unknown> = {}): RecordError => ({
  code: "INVALID_DATA",
  details: { api_name: apiName, json_path: `$.data[0].${apiName}`, ...extra },
  message,
  status: "error",
});
const mandatory = (apiName: string): RecordError => ({
  code: "MANDATORY_NOT_FOUND",
  details: { api_name: apiName, json_path: `$.data[0].${apiName}` },
  message: "required field not found",
  status: "error",
});

export interface ZohoAccountData {
  accountId: string;
  fields: ZohoFieldMeta[];
  users: Array<{ id: string; full_name: string; email: string }>;
  pipelines: Array<{ id: string; display_value: string; default: boolean; maps: Array<{ display_value: string; actual_value?: string; forecast_type: string }> }>;
}

export async function loadAccountData(accountId: string, module: string): Promise<ZohoAccountData> {
  const [fieldsRow, users, layouts] = await Promise.all([
    getSandboxRecord(accountId, `fields:${module}`, module),
    listSandboxRecords(accountId, "users"),
    listSandboxRecords(accountId, "layouts:Deals"),
  ]);
  const pipelines = [];
  for (const layout of layouts) {
    const row = await getSandboxRecord(accountId, `pipelines:${layout.id}`, layout.id);
    pipelines.push(...(((row?.data as { pipeline?: ZohoAccountData["pipelines"] })?.pipeline ?? []) as ZohoAccountData["pipelines"]));
  }
  return {
    accountId,
    fields: ((fieldsRow?.data as { fields?: ZohoFieldMeta[] })?.fields ?? []) as ZohoFieldMeta[],
    users: users.map((row) => row.data as ZohoAccountData["users"][number]),
    pipelines,
  };
}

const idOf = (value: unknown): string | null => {
  if (typeof value === "string" || typeof value === "number") return String(value);
  if (value && typeof value === "object" && "id" in value) return String((value as { id: unknown }).id);
  return null;
};

const recordName = (data: Record<string, unknown>) =>
  String(data.Full_Name ?? data.Deal_Name ?? (typeof data.Account_Name === "string" ? data.Account_Name : undefined) ?? data.Subject ?? data.Last_Name ?? "");

async function lookupRef(accountId: string, module: string, value: unknown): Promise<{ id: string; name: string } | null> {
  const id = idOf(value);
  if (!id) return null;
  const row = await getSandboxRecord(accountId, module, id);
  return row ? { id, name: recordName(row.data as Record<string, unknown>) } : null;
}

function checkScalar(field: ZohoFieldMeta, value: unknown): string | null {
  if (value === null) return null;
  switch (field.data_type) {
    case "text":
    case "textarea":
    case "phone":
    case "website":
      if (typeof value !== "string") return "invalid data";
      return value.length > field.length ? `length exceeds the maximum of ${field.length}` : null;
    case "email":
      return typeof value === "string" && (value === "" || /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value)) ? null : "invalid email";
    case "integer":
      return Number.isInteger(typeof value === "string" ? Number(value) : value) ? null : "invalid data";
    case "currency":
    case "double":
      return Number.isFinite(typeof value === "string" ? Number(value) : value) ? null : "invalid data";
    case "date":
      return typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) ? null : "invalid date format";
    case "datetime":
      return typeof value === "string" && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}([+-]\d{2}:\d{2}|Z)$/.test(value) ? null : "invalid datetime format";
    case "picklist":
      return typeof value === "string" && field.pick_list_values.some((option) => option.display_value === value) ? null : "invalid picklist value";
    default:
      return null;
  }
}

/**
 * Checks one record against the module's fields and returns what the sandbox stores (lookups as
 * {id, name}), or the per-record error Zoho would answer. `existing` is set for updates.
 */
export async function prepareRecord(
  module: ZohoModule,
  input: Record<string, unknown>,
  meta: ZohoAccountData,
  existing: Record<string, unknown> | null,
): Promise<{ record: Record<string, unknown> } | { error: RecordError }> {
  const record: Record<string, unknown> = existing ? { ...existing } : {};
  const byName = new Map(meta.fields.map((field) => [field.api_name, field]));

  for (const [key, value] of Object.entries(input)) {
    if (key === "id" || key === "$se_module") continue;
    const field = byName.get(key);
    // Zoho ignores keys that are not fields of the module, and read-only fields.
    if (!field || field.read_only) continue;
    if (field.data_type === "ownerlookup") {
      const user = meta.users.find((candidate) => candidate.id === idOf(value));
      if (!user) return { error: invalid(key, "invalid owner") };
      record[key] = { id: user.id, name: user.full_name, email: user.email };
    } else if (field.data_type === "lookup") {
      if (value === null) {
        record[key] = null;
        continue;
      }
      const target =
        key === "Who_Id"
          ? await whoTarget(meta.accountId, value)
          : key === "What_Id"
            ? await whatTarget(meta.accountId, value, input.$se_module)
            : await lookupRef(meta.accountId, lookupModule(field), value).then((ref) => (ref ? { ref, module: lookupModule(field) } : null));
      if (target === "missing-module") return { error: mandatory("$se_module") };
      if (!target) return { error: invalid(key, "the related id given seems to be invalid") };
      record[key] = target.ref;
      if (key === "What_Id") record.$se_module = target.module;
    } else if (key === "Pipeline" && module === "Deals") {
      const name = typeof value === "string" ? value : null;
      const pipeline = meta.pipelines.find((candidate) => candidate.id === idOf(value) || candidate.display_value === name);
      if (!pipeline) return { error: invalid(key, "invalid pipeline") };
      record.Pipeline = { id: pipeline.id, name: pipeline.display_value };
    } else {
      const problem = checkScalar(field, value);
      if (problem && !(key === "Stage" && module === "Deals")) return { error: invalid(key, problem) };
      record[key] = value;
    }
  }

  if (!existing) {
    for (const field of meta.fields) {
      const value = record[field.api_name];
      if (field.system_mandatory && (value === undefined || value === null || value === "")) return { error: mandatory(field.api_name) };
    }
  }
  if (module === "Deals") {
    const pipelineId = idOf(record.Pipeline);
    const pipeline = meta.pipelines.find((candidate) => candidate.id === pipelineId) ?? meta.pipelines.find((candidate) => candidate.default);
    if (pipeline && !record.Pipeline) record.Pipeline = { id: pipeline.id, name: pipeline.display_value };
    if (!pipeline || !pipeline.maps.some((stage) => stage.actual_value === record.Stage || stage.display_value === record.Stage)) return { error: invalid("Stage", "invalid stage for the pipeline") };
  }
  if (module === "Calls" && record.Call_Duration !== undefined && !/^\d{1,5}:\d{2}$/.test(String(record.Call_Duration))) {
    return { error: invalid("Call_Duration", "invalid call duration, use mm:ss") };
  }
  if (module === "Contacts" || module === "Leads") {
    record.Full_Name = [record.First_Name, record.Last_Name].filter(Boolean).join(" ");
  }
  if (module === "Leads" && record.$converted === undefined) record.$converted = false;
  return { record };
}

async function whoTarget(accountId: string, value: unknown) {
  for (const target of ["Contacts", "Leads"]) {
    const ref = await lookupRef(accountId, target, value);
    if (ref) return { ref, module: target };
  }
  return null;
}

async function whatTarget(accountId: string, value: unknown, seModule: unknown): Promise<{ ref: { id: string; name: string }; module: string } | null | "missing-module"> {
  if (typeof seModule !== "string" || !seModule) return "missing-module";
  const ref = await lookupRef(accountId, seModule, value);
  return ref ? { ref, module: seModule } : null;
}
