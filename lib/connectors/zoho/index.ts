// Zoho CRM's descriptor: everything outside this folder learns about Zoho from here (descriptor.ts).
import type { CrmDescriptor } from "../descriptor";
import { zohoDailyCredits } from "./budget";
import { zohoConnectionSchema, type ZohoConnection } from "./connection";
import { maskZohoConnection, mergeZohoConnection } from "./connection-secrets";
import { ZohoConnector } from "./connector";
import { zohoHostsProblem } from "./data-centers";
import { zohoRecordUrl } from "./links";
import { zohoOAuth } from "./oauth";

export const zoho: CrmDescriptor<"zoho", ZohoConnection> = {
  kind: "zoho",
  displayName: "Zoho CRM",
  entities: ["lead", "contact", "organization", "deal", "task"],
  connect: (credentials, options) => new ZohoConnector(credentials, options),
  oauth: zohoOAuth as CrmDescriptor["oauth"],
  connection: { schemas: [zohoConnectionSchema], mask: maskZohoConnection, merge: mergeZohoConnection },
  hostProblem: (credentials) => zohoHostsProblem(credentials.accountsUrl, credentials.apiDomain),
  account: (credentials) => credentials.apiDomain,
  recordUrl: zohoRecordUrl,
  // Every call costs a credit.
  budget: (calls, edition) => ({ unit: "credits", used: calls.calls, allowance: zohoDailyCredits(edition) }),
};
