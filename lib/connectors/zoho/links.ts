// Where a Zoho CRM record opens in the browser: the web app of the account's data centre.
import type { FieldEntity } from "../types";
import { MODULES } from "./mapping";

const WEB_APP: Record<string, string> = {
  "https://www.zohoapis.com": "https://crm.zoho.com",
  "https://www.zohoapis.eu": "https://crm.zoho.eu",
  "https://www.zohoapis.in": "https://crm.zoho.in",
  "https://www.zohoapis.com.au": "https://crm.zoho.com.au",
  "https://www.zohoapis.jp": "https://crm.zoho.jp",
  "https://www.zohoapis.com.cn": "https://crm.zoho.com.cn",
  "https://www.zohoapis.ca": "https://crm.zohocloud.ca",
  "https://www.zohoapis.sa": "https://crm.zoho.sa",
  "https://www.zohoapis.uk": "https://crm.zoho.uk",
  "https://www.zohoapis.ae": "https://crm.zoho.ae",
};

export function zohoRecordUrl(apiDomain: string, entity: FieldEntity, id: string): string | null {
  const web = WEB_APP[new URL(apiDomain).origin];
  return web ? `${web}/crm/tab/${MODULES[entity]}/${encodeURIComponent(id)}` : null;
}
