// Where a person opens a Zoho CRM record in the browser: https://crm.zoho.<dc>/crm/<org>/tab/Contacts/<id>,
// <org> being the org's domain name (GET /crm/v8/org `domain_name`, "org" + zgid when absent). The CRM's web
// host is its data centre's (Canada's is zohocloud.ca); a sandbox answers the same path on its own origin and
// sends it on to the project's sandbox viewer.
import { processShared } from "@/lib/cache/process-shared";
import type { EntityKind } from "../types";
import { ZOHO_DATA_CENTERS } from "./data-centers";
import { MODULES } from "./mapping";

/** The org's domain name per connection, learned when the connection is tested or first used. */
export const orgDomains = processShared("zoho-org-domains", () => new Map<string, string>());

const WEB_HOSTS: Record<keyof typeof ZOHO_DATA_CENTERS, string> = {
  com: "https://crm.zoho.com",
  eu: "https://crm.zoho.eu",
  in: "https://crm.zoho.in",
  "com.au": "https://crm.zoho.com.au",
  jp: "https://crm.zoho.jp",
  "com.cn": "https://crm.zoho.com.cn",
  ca: "https://crm.zohocloud.ca",
  sa: "https://crm.zoho.sa",
  uk: "https://crm.zoho.uk",
  ae: "https://crm.zoho.ae",
};

export function zohoRecordUrl(credentials: { dataCenter: string; apiDomain: string }, org: string, entity: EntityKind, id: string): string {
  const host = credentials.dataCenter in WEB_HOSTS ? WEB_HOSTS[credentials.dataCenter as keyof typeof WEB_HOSTS] : credentials.apiDomain.replace(/\/+$/, "");
  return `${host}/crm/${encodeURIComponent(org)}/tab/${MODULES[entity]}/${encodeURIComponent(id)}`;
}
