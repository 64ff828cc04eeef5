// A CRM record's page, for links next to the CRM ids the Events page shows.
import { pipedriveRecordUrl } from "./pipedrive/links";
import type { CrmKind, FieldEntity } from "./types";
import { zohoRecordUrl } from "./zoho/links";

/** `apiBase` is what the connection test recorded (the account's API address); null when there is no page. */
export function crmRecordUrl(crm: CrmKind, apiBase: string | undefined, entity: FieldEntity, id: string): string | null {
  if (!apiBase) return null;
  try {
    return crm === "zoho" ? zohoRecordUrl(apiBase, entity, id) : pipedriveRecordUrl(apiBase, entity, id);
  } catch {
    return null;
  }
}
