// Where a Zoho CRM record opens in the browser: the web app of the account's data centre,
// https://crm.zoho.<dc>/crm/<org>/tab/Contacts/<id> (<org> is the org's domain name, GET /crm/v8/org
// `domain_name`; without it Zoho's web app opens the signed-in user's org). A sandbox answers the same path
// on its own origin and sends it on to the project's sandbox viewer (lib/sandbox/web-pages.ts).
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

/** Null when the API domain is no data centre's (nor a sandbox's whose org is known). */
export function zohoRecordUrl(apiDomain: string, entity: FieldEntity, id: string, org?: string): string | null {
  const url = new URL(apiDomain);
  const path = url.pathname.replace(/\/+$/, "");
  const sandbox = path.endsWith("/sandbox/zoho") && org ? `${url.origin}${path}` : null;
  const web = WEB_APP[url.origin] ?? sandbox;
  return web ? `${web}/crm/${org ? `${encodeURIComponent(org)}/` : ""}tab/${MODULES[entity]}/${encodeURIComponent(id)}` : null;
}
