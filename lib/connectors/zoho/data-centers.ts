// Zoho runs separate data centres; an account lives in one, and its tokens only work there.
// https://www.zoho.com/crm/developer/docs/api/v8/multi-dc.html
import { isOwnOrListedOrigin } from "@/lib/net/own-origins";

export const ZOHO_DATA_CENTERS = {
  com: { label: "United States (zoho.com)", accountsUrl: "https://accounts.zoho.com", apiDomain: "https://www.zohoapis.com" },
  eu: { label: "Europe (zoho.eu)", accountsUrl: "https://accounts.zoho.eu", apiDomain: "https://www.zohoapis.eu" },
  in: { label: "India (zoho.in)", accountsUrl: "https://accounts.zoho.in", apiDomain: "https://www.zohoapis.in" },
  "com.au": { label: "Australia (zoho.com.au)", accountsUrl: "https://accounts.zoho.com.au", apiDomain: "https://www.zohoapis.com.au" },
  jp: { label: "Japan (zoho.jp)", accountsUrl: "https://accounts.zoho.jp", apiDomain: "https://www.zohoapis.jp" },
  "com.cn": { label: "China (zoho.com.cn)", accountsUrl: "https://accounts.zoho.com.cn", apiDomain: "https://www.zohoapis.com.cn" },
  ca: { label: "Canada (zohocloud.ca)", accountsUrl: "https://accounts.zohocloud.ca", apiDomain: "https://www.zohoapis.ca" },
} as const;

/**
 * Why these Zoho addresses are not one data centre's accounts server and API domain (a token for one
 * is never sent to another), or null when they are.
 */
export function zohoHostsProblem(accountsUrl: string, apiDomain: string): { path: "accountsUrl" | "apiDomain"; message: string } | null {
  const dataCenter = Object.values(ZOHO_DATA_CENTERS).find((dc) => dc.accountsUrl === accountsUrl.replace(/\/+$/, ""));
  if (!dataCenter) {
    if (isOwnOrListedOrigin(accountsUrl, "/sandbox/zoho") && isOwnOrListedOrigin(apiDomain, "/sandbox/zoho")) return null;
    return { path: "accountsUrl", message: `accountsUrl must be a Zoho data centre's accounts server (${Object.values(ZOHO_DATA_CENTERS).map((dc) => dc.accountsUrl).join(", ")})` };
  }
  return dataCenter.apiDomain === apiDomain.replace(/\/+$/, "") ? null : { path: "apiDomain", message: `apiDomain must be ${dataCenter.apiDomain} for ${dataCenter.accountsUrl}` };
}

export type ZohoDataCenter = keyof typeof ZOHO_DATA_CENTERS;

export const ZOHO_SCOPES = ["ZohoCRM.modules.ALL", "ZohoCRM.settings.ALL", "ZohoCRM.users.READ", "ZohoCRM.org.READ"].join(",");

/** The accounts server Zoho names in its OAuth callback must be one of the known data centres (or our sandbox). */
export function isKnownAccountsServer(url: string, sandboxAccountsUrl?: string): boolean {
  return Object.values(ZOHO_DATA_CENTERS).some((dc) => dc.accountsUrl === url) || (sandboxAccountsUrl !== undefined && url === sandboxAccountsUrl);
}
