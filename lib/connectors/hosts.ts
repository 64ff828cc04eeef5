// Where a connection's secrets may be sent, by CRM (each rule lives in its CRM's folder).
import { pipedriveHostProblem } from "./pipedrive/hosts";
import type { CrmCredentials } from "./types";
import { zohoHostsProblem } from "./zoho/data-centers";

/** The field that names a host the credentials may not be sent to, and why; null when all are allowed. */
export function credentialHostProblem(credentials: CrmCredentials): { path: string; message: string } | null {
  if (credentials.crm === "pipedrive") return pipedriveHostProblem(credentials);
  return zohoHostsProblem(credentials.accountsUrl, credentials.apiDomain);
}

/** Which CRM account a connection writes to (its API address): a delivery journal of another is never reused. */
export const connectionAccount = (credentials: CrmCredentials) => (credentials.crm === "zoho" ? credentials.apiDomain : credentials.apiBase);
