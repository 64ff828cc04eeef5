// How a stored Zoho connection is shown masked in the config API's document and merged with a PUT
// (server only: the forms' schemas in connection.ts stay free of it, for the browser).
import { SECRET_MASK } from "@/lib/validation/connection";
import { changedFields, keptSecret } from "../kept-secrets";
import type { ZohoCredentials } from "../types";
import type { ZohoConnection } from "./connection";

export const maskZohoConnection = (credentials: ZohoCredentials): ZohoConnection => ({
  crm: "zoho",
  // Stored only after the data centre was checked, so it is one of the schema's values.
  dataCenter: credentials.dataCenter as ZohoConnection["dataCenter"],
  accountsUrl: credentials.accountsUrl,
  apiDomain: credentials.apiDomain,
  clientId: credentials.clientId,
  clientSecret: SECRET_MASK,
  refreshToken: SECRET_MASK,
});

export function mergeZohoConnection(input: ZohoConnection, stored: ZohoCredentials | null): ZohoCredentials {
  const secret = keptSecret(changedFields(stored, input, ["dataCenter", "accountsUrl", "apiDomain", "clientId"]));
  return {
    crm: "zoho",
    dataCenter: input.dataCenter,
    accountsUrl: input.accountsUrl,
    apiDomain: input.apiDomain,
    clientId: input.clientId,
    clientSecret: secret(input.clientSecret, stored?.clientSecret, "connection.clientSecret"),
    refreshToken: secret(input.refreshToken, stored?.refreshToken, "connection.refreshToken"),
  };
}
