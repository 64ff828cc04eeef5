// Field checks of the Pipedrive sandbox: custom field keys and types as personFields/… describe them.
import { listSandboxRecords } from "@/lib/db/queries/sandbox";
import { documentOf } from "@/lib/db/json";

export interface PipedriveField {
  key: string;
  name: string;
  field_type: string;
  edit_flag: boolean;
  options?: Array<{ id: number; label: string }>;
}

export async function customFieldsOf(accountId: string, list: string): Promise<Map<string, PipedriveField>> {
  const rows = await listSandboxRecords(accountId, list);
  return new Map(rows.map((row) => documentOf<PipedriveField>(row.data)).filter((field) => field.edit_flag).map((field) => [field.key, field]));
}

/** Returns an error message naming the field, or null when every custom value fits its field's type. */
export function checkCustomFields(values: Record<string, unknown>, fields: Map<string, PipedriveField>): string | null {
  for (const [key, value] of Object.entries(values)) {
    const field = fields.get(key);
    if (!field) return `Unknown custom field: ${key}`;
    if (value === null) continue;
    switch (field.field_type) {
      case "varchar":
      case "varchar_auto":
        if (typeof value !== "string" || value.length > 255) return `${field.name}: a text of at most 255 characters is expected`;
        break;
      case "text":
        if (typeof value !== "string") return `${field.name}: a text is expected`;
        break;
      case "double":
      case "monetary":
        if (typeof value !== "number" && !(typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value)))) return `${field.name}: a number is expected`;
        break;
      case "enum":
        if (!field.options?.some((option) => option.id === Number(value))) return `${field.name}: not one of the field's options`;
        break;
      case "set":
        if (!Array.isArray(value) || !value.every((item) => field.options?.some((option) => option.id === Number(item)))) return `${field.name}: not a list of the field's options`;
        break;
    }
  }
  return null;
}
