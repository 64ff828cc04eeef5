// A CRM record's page, for links next to the CRM ids the Events page shows.
import { crmDescriptor } from "./registry";
import type { CrmKind, FieldEntity } from "./types";

/** `apiBase` is what the connection test recorded (the account's API address); null when there is no page. */
export function crmRecordUrl(crm: CrmKind, apiBase: string | undefined, entity: FieldEntity, id: string): string | null {
  if (!apiBase) return null;
  try {
    return crmDescriptor(crm).recordUrl(apiBase, entity, id);
  } catch {
    return null;
  }
}
