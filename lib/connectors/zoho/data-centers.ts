// Zoho runs separate data centres; an account lives in one, and its tokens only work there.
// https://www.zoho.com/crm/developer/docs/api/v8/multi-dc.html

export const ZOHO_DATA_CENTERS = {
  com: { label: "United States (zoho.com)", accountsUrl: "https://accounts.zoho.com", apiDomain: "https://www.zohoapis.com" },
  eu: { label: "Europe (zoho.eu)", accountsUrl: "https://accounts.zoho.eu", apiDomain: "https://www.zohoapis.eu" },
  in: { label: "India (zoho.in)", accountsUrl: "https://accounts.zoho.in", apiDomain: "https://www.zohoapis.in" },
  "com.au": { label: "Australia (zoho.com.au)", accountsUrl: "https://accounts.zoho.com.au", apiDomain: "https://www.zohoapis.com.au" },
  jp: { label: "Japan (zoho.jp)", accountsUrl: "https://accounts.zoho.jp", apiDomain: "https://www.zohoapis.jp" },
  "com.cn": { label: "China (zoho.com.cn)", accountsUrl: "https://accounts.zoho.com.cn", apiDomain: "https://www.zohoapis.com.cn" },
  ca: { label: "Canada (zohocloud.ca)", accountsUrl: "https://accounts.zohocloud.ca", apiDomain: "https://www.zohoapis.ca" },
} as const;

export type ZohoDataCenter = keyof typeof ZOHO_DATA_CENTERS;

export const ZOHO_SCOPES = ["ZohoCRM.modules.ALL", "ZohoCRM.settings.ALL", "ZohoCRM.users.READ", "ZohoCRM.org.READ"].join(",");

/** The accounts server Zoho names in its OAuth callback must be one of the known data centres (or our sandbox). */
export function isKnownAccountsServer(url: string, sandboxAccountsUrl?: string): boolean {
  return Object.values(ZOHO_DATA_CENTERS).some((dc) => dc.accountsUrl === url) || (sandboxAccountsUrl !== undefined && url === sandboxAccountsUrl);
}
