// What the sandbox viewer page shows: per module, a few columns a person can scan.
import { countSandboxRecords, listSandboxAccounts, listSandboxFiles, listSandboxRecords } from "@/lib/db/queries/sandbox";
import { projectSandboxAccount, type SandboxCrm } from "./accounts";

type Row = Record<string, unknown>;
type Column = { label: string; value: (row: Row) => string };

const text = (value: unknown): string => {
  if (value === null || value === undefined || value === "") return "—";
  if (Array.isArray(value)) return value.map((item) => text(item && typeof item === "object" && "value" in item ? (item as { value: unknown }).value : item)).join(", ") || "—";
  if (typeof value === "object") return "name" in value && (value as { name?: unknown }).name ? String((value as { name: unknown }).name) : "id" in value ? String((value as { id: unknown }).id) : JSON.stringify(value);
  return String(value);
};
const col = (label: string, key: string): Column => ({ label, value: (row) => text(row[key]) });

export const VIEWER_MODULES: Record<SandboxCrm, Array<{ module: string; label: string; columns: Column[] }>> = {
  zoho: [
    { module: "Leads", label: "Leads", columns: [col("ID", "id"), col("Name", "Full_Name"), col("Phone", "Phone"), col("Email", "Email"), col("Owner", "Owner"), col("Converted", "$converted")] },
    { module: "Contacts", label: "Contacts", columns: [col("ID", "id"), col("Name", "Full_Name"), col("Phone", "Phone"), col("Mobile", "Mobile"), col("Email", "Email"), col("Account", "Account_Name"), col("Owner", "Owner")] },
    { module: "Accounts", label: "Accounts", columns: [col("ID", "id"), col("Name", "Account_Name"), col("Phone", "Phone"), col("Owner", "Owner")] },
    { module: "Deals", label: "Deals", columns: [col("ID", "id"), col("Name", "Deal_Name"), col("Pipeline", "Pipeline"), col("Stage", "Stage"), col("Contact", "Contact_Name"), col("Account", "Account_Name"), col("Owner", "Owner")] },
    { module: "Tasks", label: "Tasks", columns: [col("ID", "id"), col("Subject", "Subject"), col("Due", "Due_Date"), col("Status", "Status"), col("Who", "Who_Id"), col("What", "What_Id"), col("Owner", "Owner")] },
    { module: "Calls", label: "Calls", columns: [col("ID", "id"), col("Subject", "Subject"), col("Type", "Call_Type"), col("Start", "Call_Start_Time"), col("Duration", "Call_Duration"), col("Who", "Who_Id"), col("What", "What_Id")] },
  ],
  pipedrive: [
    { module: "leads", label: "Leads", columns: [col("ID", "id"), col("Title", "title"), col("Person", "person_id"), col("Organization", "organization_id"), col("Owner", "owner_id")] },
    { module: "persons", label: "Persons", columns: [col("ID", "id"), col("Name", "name"), col("Phones", "phones"), col("Emails", "emails"), col("Organization", "org_id"), col("Owner", "owner_id")] },
    { module: "organizations", label: "Organizations", columns: [col("ID", "id"), col("Name", "name"), col("Owner", "owner_id")] },
    { module: "deals", label: "Deals", columns: [col("ID", "id"), col("Title", "title"), col("Pipeline", "pipeline_id"), col("Stage", "stage_id"), col("Status", "status"), col("Person", "person_id"), col("Owner", "owner_id")] },
    { module: "activities", label: "Activities", columns: [col("ID", "id"), col("Subject", "subject"), col("Type", "type"), col("Due", "due_date"), col("Person", "person_id"), col("Deal", "deal_id"), col("Owner", "owner_id")] },
    { module: "callLogs", label: "Call logs", columns: [col("ID", "id"), col("Subject", "subject"), col("Outcome", "outcome"), col("From", "from_phone_number"), col("To", "to_phone_number"), col("Start", "start_time"), col("Person", "person_id"), col("Deal", "deal_id"), col("Recording", "has_recording")] },
  ],
};

/** Where each module's custom field definitions are kept, and how a record holds their values. */
const CUSTOM_FIELDS: Record<SandboxCrm, Record<string, { list: string; valuesOf: (row: Row) => Row }>> = {
  zoho: Object.fromEntries(["Leads", "Contacts", "Accounts", "Deals"].map((module) => [module, { list: `fields:${module}`, valuesOf: (row: Row) => row }])),
  pipedrive: {
    persons: { list: "personFields", valuesOf: (row) => (row.custom_fields ?? {}) as Row },
    organizations: { list: "organizationFields", valuesOf: (row) => (row.custom_fields ?? {}) as Row },
    deals: { list: "dealFields", valuesOf: (row) => (row.custom_fields ?? {}) as Row },
    // Pipedrive's leads carry the deals' custom fields at the top level, by their 40-character keys.
    leads: { list: "dealFields", valuesOf: (row) => row },
  },
};

/** The account's custom fields of a list: key → label (Zoho keeps one record of all its fields, Pipedrive one per field). */
async function customFieldLabels(accountId: string, crm: SandboxCrm, list: string): Promise<Map<string, string>> {
  const rows = (await listSandboxRecords(accountId, list)).map((row) => row.data as Row);
  if (crm === "zoho") {
    const fields = (rows[0]?.fields ?? []) as Array<{ api_name: string; field_label: string; custom_field: boolean }>;
    return new Map(fields.filter((field) => field.custom_field).map((field) => [field.api_name, field.field_label]));
  }
  return new Map((rows as Array<{ key: string; name: string; edit_flag?: boolean }>).filter((field) => field.edit_flag).map((field) => [field.key, field.name]));
}

/** "Label: value" for each custom field the record holds a value in (UTM tags, client id, mapped fields). */
const customColumn = (labels: Map<string, string>, valuesOf: (row: Row) => Row): Column => ({
  label: "Custom fields",
  value: (row) =>
    [...labels]
      .map(([key, label]) => [label, valuesOf(row)[key]] as const)
      .filter(([, value]) => value !== undefined && value !== null && value !== "")
      .map(([label, value]) => `${label}: ${text(value)}`)
      .join("; ") || "—",
});

/** One of the project's own sandbox accounts (its first when none is named); never another project's. */
export async function sandboxSnapshot(crm: SandboxCrm, project: { id: string; key: string }, accountName: string | null) {
  const owned = await listSandboxAccounts(crm, project.id);
  const accounts = owned.length ? owned : [await projectSandboxAccount(crm, project)];
  const chosen = accounts.find((item) => item.name === accountName) ?? (accountName ? null : accounts[0]!);
  if (!chosen) return null;
  const account = { id: chosen.id, name: chosen.name };
  const [counts, files] = await Promise.all([countSandboxRecords(account.id), listSandboxFiles(account.id)]);
  const modules = [];
  for (const spec of VIEWER_MODULES[crm]) {
    const rows = (await listSandboxRecords(account.id, spec.module)).map((row) => row.data as Row).reverse();
    const custom = CUSTOM_FIELDS[crm][spec.module];
    const columns = custom ? [...spec.columns, customColumn(await customFieldLabels(account.id, crm, custom.list), custom.valuesOf)] : spec.columns;
    modules.push({ module: spec.module, label: spec.label, columns: columns.map((column) => column.label), rows: rows.map((row) => columns.map((column) => column.value(row))) });
  }
  return {
    account: account.name,
    accounts: accounts.map((item) => item.name),
    total: counts.reduce((sum, group) => sum + group._count._all, 0),
    modules,
    files: files.map((file) => ({ recordId: file.recordId, module: file.module, fileName: file.fileName, size: file.size, link: file.link, createdAt: file.createdAt.toISOString() })),
  };
}
