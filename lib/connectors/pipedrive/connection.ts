// Pipedrive's connection (F1: an API token, or OAuth through a Marketplace app): the Integration page's
// forms, the config API document's `connection`, and how a stored connection is shown masked and merged
// with a PUT.
import { z } from "zod";
import { text } from "@/lib/validation/text";
import { crmUrl, oauthClientFields, requireClient, SECRET_NOTE, storedGrantFields } from "@/lib/validation/connection";

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
