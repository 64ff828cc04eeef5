// Pipedrive's connection (F1: an API token, or OAuth through a Marketplace app): the Integration page's
// forms, the config API document's `connection`, and how a stored connection is shown masked and merged
// with a PUT.
import { z } from "zod";
import { text } from "@/lib/validation/text";
import { crmUrl, oauthClientFields, requireClient, SECRET_MASK, SECRET_NOTE, storedGrantFields } from "@/lib/validation/connection";
import { changedFields, keepRefused, keptSecret } from "../connection-secrets";
import type { PipedriveCredentials } from "../types";

/** The Integration page's token form. */
export const pipedriveConnectSchema = z.object({
  /** The company's API address, e.g. https://acme.pipedrive.com */
  apiBase: crmUrl().transform((value) => value.replace(/\/+$/, "")),
  apiToken: text(200, { tooLong: "validation.apiToken" }).trim().min(20, "validation.apiToken"),
});
export type PipedriveConnect = z.infer<typeof pipedriveConnectSchema>;

/** Pipedrive by OAuth: the built-in sandbox's app, or the company's own Marketplace app (id and secret). */
export const pipedriveOAuthSchema = z.object({ sandbox: z.boolean().default(false), ...oauthClientFields }).superRefine((value, context) => {
  if (!value.sandbox) requireClient(value, context);
});
export type PipedriveOAuthConnect = z.output<typeof pipedriveOAuthSchema>;
export type PipedriveOAuthConnectInput = z.input<typeof pipedriveOAuthSchema>;

const apiBase = crmUrl().describe("The company's Pipedrive address, e.g. https://acme.pipedrive.com (or https://api.pipedrive.com). The token is sent to this host only.");

/** The config API document's `connection` for Pipedrive, by token or by a Marketplace app's grant. */
export const pipedriveConnectionSchemas = [
  z
    .object({
      crm: z.literal("pipedrive"),
      auth: z.literal("api_token").default("api_token"),
      apiBase,
      apiToken: text(200, { tooLong: "validation.apiToken" }).trim().min(8, "validation.apiToken").describe(`A user's personal API token (Pipedrive: Personal preferences → API). ${SECRET_NOTE}`),
    })
    .describe("Pipedrive with an API token."),
  /** A Pipedrive Marketplace app's grant (connected through the consent page, or moved from another project). */
  z
    .object({
      crm: z.literal("pipedrive"),
      auth: z.literal("oauth"),
      apiBase,
      oauthBase: text(2048).trim().pipe(z.url()).describe("Pipedrive's OAuth server: https://oauth.pipedrive.com."),
      ...storedGrantFields({ clientId: "The Marketplace app's client id.", clientSecret: "The Marketplace app's client secret.", refreshToken: "The grant's refresh token." }),
    })
    .describe("Pipedrive through a Marketplace app (OAuth): usually connected on the Integration page, shown here masked."),
] as const;
export type PipedriveConnection = z.infer<(typeof pipedriveConnectionSchemas)[number]>;

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
