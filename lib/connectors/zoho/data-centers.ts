// Zoho runs separate data centres; an account lives in one, and its tokens only work there.
// Sources (checked late 2026): the accounts servers are Zoho Accounts' own list
// (https://www.zoho.com/accounts/protocol/oauth/multi-dc.html: US, EU, IN, AU, JP, CA, SA, UK …) and the CRM
// list (https://www.zoho.com/crm/developer/docs/api/v8/multi-dc.html: adds CN); the API domains are
// www.zohoapis.<domain> as in the CRM page, except Canada (accounts.zohocloud.ca, API www.zohoapis.ca).
// SA: Zoho's official CRM SDK (@zohocrm/typescript-sdk-8.0, SADataCenter) and the Bigin multi-DC table
// name accounts.zoho.sa / www.zohoapis.sa. UK: accounts.zoho.uk per Zoho Accounts; www.zohoapis.uk
// follows the same rule (not yet in the SDK 3.0.0). UAE: Zoho's WorkDrive multi-DC table lists the zoho.ae
// domain with www.zohoapis.ae, and its accounts server accounts.zoho.ae.
import { isOwnOrListedOrigin } from "@/lib/net/own-origins";

export const ZOHO_DATA_CENTERS = {
  com: { label: "United States (zoho.com)", accountsUrl: "https://accounts.zoho.com", apiDomain: "https://www.zohoapis.com" },
  eu: { label: "Europe (zoho.eu)", accountsUrl: "https://accounts.zoho.eu", apiDomain: "https://www.zohoapis.eu" },
  in: { label: "India (zoho.in)", accountsUrl: "https://accounts.zoho.in", apiDomain: "https://www.zohoapis.in" },
  "com.au": { label: "Australia (zoho.com.au)", accountsUrl: "https://accounts.zoho.com.au", apiDomain: "https://www.zohoapis.com.au" },
  jp: { label: "Japan (zoho.jp)", accountsUrl: "https://accounts.zoho.jp", apiDomain: "https://www.zohoapis.jp" },
  "com.cn": { label: "China (zoho.com.cn)", accountsUrl: "https://accounts.zoho.com.cn", apiDomain: "https://www.zohoapis.com.cn" },
  ca: { label: "Canada (zohocloud.ca)", accountsUrl: "https://accounts.zohocloud.ca", apiDomain: "https://www.zohoapis.ca" },
  sa: { label: "Saudi Arabia (zoho.sa)", accountsUrl: "https://accounts.zoho.sa", apiDomain: "https://www.zohoapis.sa" },
  uk: { label: "United Kingdom (zoho.uk)", accountsUrl: "https://accounts.zoho.uk", apiDomain: "https://www.zohoapis.uk" },
  ae: { label: "United Arab Emirates (zoho.ae)", accountsUrl: "https://accounts.zoho.ae", apiDomain: "https://www.zohoapis.ae" },
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
