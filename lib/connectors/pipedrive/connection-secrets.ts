// How a stored Pipedrive connection is shown masked in the config API's document and merged with a PUT
// (server only: the forms' schemas in connection.ts stay free of it, for the browser).
import { SECRET_MASK } from "@/lib/validation/connection";
import { changedFields, keepRefused, keptSecret } from "../kept-secrets";
import type { PipedriveCredentials } from "../types";
import type { PipedriveConnection } from "./connection";

export function maskPipedriveConnection(credentials: PipedriveCredentials): PipedriveConnection {
  if (credentials.auth === "oauth") {
    const { apiBase, oauthBase, clientId } = credentials;
    return { crm: "pipedrive", auth: "oauth", apiBase, oauthBase, clientId, clientSecret: SECRET_MASK, refreshToken: SECRET_MASK };
  }
  return { crm: "pipedrive", auth: "api_token", apiBase: credentials.apiBase, apiToken: SECRET_MASK };
}

export function mergePipedriveConnection(input: PipedriveConnection, stored: PipedriveCredentials | null): PipedriveCredentials {
  if (input.auth === "api_token") {
    const apiBase = input.apiBase.replace(/\/+$/, "");
    if (input.apiToken !== SECRET_MASK) return { crm: "pipedrive", auth: "api_token", apiBase, apiToken: input.apiToken };
    if (stored?.auth !== "api_token") throw keepRefused("connection.apiToken", "Send the API token: none is stored yet.");
    if (stored.apiBase !== apiBase) throw keepRefused("connection.apiToken", "Send the API token again: the stored one is kept only for the same apiBase.");
    return { crm: "pipedrive", auth: "api_token", apiBase, apiToken: stored.apiToken };
  }
  const keep = stored?.auth === "oauth" ? stored : null;
  const secret = keptSecret(changedFields(keep, input, ["apiBase", "oauthBase", "clientId"]));
  const refreshToken = secret(input.refreshToken, keep?.refreshToken, "connection.refreshToken");
  // A kept grant keeps its access token; a new one gets its first token on the first call.
  const access = keep && refreshToken === keep.refreshToken ? { accessToken: keep.accessToken, accessTokenExpiresAt: keep.accessTokenExpiresAt } : { accessToken: "", accessTokenExpiresAt: 0 };
  const { apiBase, oauthBase, clientId } = input;
  return { crm: "pipedrive", auth: "oauth", apiBase, oauthBase, clientId, clientSecret: secret(input.clientSecret, keep?.clientSecret, "connection.clientSecret"), refreshToken, ...access };
}
