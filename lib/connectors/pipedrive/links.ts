// Where a Pipedrive record opens in the browser: the company's own address (https://acme.pipedrive.com).
import type { FieldEntity } from "../types";

const PATHS: Partial<Record<FieldEntity, string>> = { contact: "person", organization: "organization", deal: "deal", lead: "leads/inbox" };

/** Null when the API address is not the company's (api.pipedrive.com names no company) or the record has no page. */
export function pipedriveRecordUrl(apiBase: string, entity: FieldEntity, id: string): string | null {
  const path = PATHS[entity];
  const origin = new URL(apiBase).origin;
  if (!path || !/^https:\/\/[a-z0-9-]+\.pipedrive\.com$/.test(origin) || origin === "https://api.pipedrive.com") return null;
  return `${origin}/${path}/${encodeURIComponent(id)}`;
}
