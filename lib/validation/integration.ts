import { z } from "zod";
import { text } from "./text";
import { ZOHO_DATA_CENTERS, ZOHO_SCOPES } from "@/lib/connectors/zoho/data-centers";

// Messages are i18n keys (see lib/validation/auth.ts).

export const pipedriveConnectSchema = z.object({
  /** The company's API address, e.g. https://acme.pipedrive.com */
  apiBase: text(2048)
    .trim()
    .pipe(z.url({ protocol: /^https?$/, error: "validation.crmUrl" }))
    .transform((value) => value.replace(/\/+$/, "")),
  apiToken: text(200, { tooLong: "validation.apiToken" }).trim().min(20, "validation.apiToken"),
});
export type PipedriveConnect = z.infer<typeof pipedriveConnectSchema>;

/** An OAuth app's id and secret: empty for the built-in sandbox (it brings its own), required otherwise. */
const oauthClientFields = {
  clientId: text(200, { tooLong: "validation.clientId" }).trim().default(""),
  clientSecret: text(200, { tooLong: "validation.clientSecret" }).trim().default(""),
};
function requireClient(value: { clientId: string; clientSecret: string }, context: z.RefinementCtx) {
  if (value.clientId.length < 5) context.addIssue({ code: "custom", path: ["clientId"], message: "validation.clientId" });
  if (value.clientSecret.length < 5) context.addIssue({ code: "custom", path: ["clientSecret"], message: "validation.clientSecret" });
}

/** Pipedrive by OAuth: the built-in sandbox's app, or the company's own Marketplace app (id and secret). */
export const pipedriveOAuthSchema = z.object({ sandbox: z.boolean().default(false), ...oauthClientFields }).superRefine((value, context) => {
  if (!value.sandbox) requireClient(value, context);
});
export type PipedriveOAuthConnect = z.output<typeof pipedriveOAuthSchema>;
export type PipedriveOAuthConnectInput = z.input<typeof pipedriveOAuthSchema>;

export const zohoDataCenterSchema = z.enum([...(Object.keys(ZOHO_DATA_CENTERS) as [keyof typeof ZOHO_DATA_CENTERS]), "sandbox"], { error: "validation.dataCenter" });

/** The sandbox brings its own client; every real data centre needs the client registered in Zoho's API console. */
export const zohoConnectSchema = z.object({ dataCenter: zohoDataCenterSchema, ...oauthClientFields }).superRefine((value, context) => {
  if (value.dataCenter !== "sandbox") requireClient(value, context);
});
export type ZohoConnect = z.output<typeof zohoConnectSchema>;
export type ZohoConnectInput = z.input<typeof zohoConnectSchema>;

/** What GET shows instead of a secret; sending it back in a PUT keeps the stored secret. */
export const SECRET_MASK = "********";

/** The `connection` of the config API document: secrets are write-only. */
const SECRET = 'Write-only: GET shows "********"; sending that back keeps the stored value (only while the addresses stay the same).';
const pipedriveApiBase = text(2048)
  .trim()
  .pipe(z.url({ protocol: /^https?$/, error: "validation.crmUrl" }))
  .describe("The company's Pipedrive address, e.g. https://acme.pipedrive.com (or https://api.pipedrive.com). The token is sent to this host only.");
export const connectionInputSchema = z.union([
  z
    .object({
      crm: z.literal("pipedrive"),
      auth: z.literal("api_token").default("api_token"),
      apiBase: pipedriveApiBase,
      apiToken: text(200, { tooLong: "validation.apiToken" }).trim().min(8, "validation.apiToken").describe(`A user's personal API token (Pipedrive: Personal preferences → API). ${SECRET}`),
    })
    .describe("Pipedrive with an API token."),
  /** A Pipedrive Marketplace app's grant (connected through the consent page, or moved from another project). */
  z
    .object({
      crm: z.literal("pipedrive"),
      auth: z.literal("oauth"),
      apiBase: pipedriveApiBase,
      oauthBase: text(2048).trim().pipe(z.url()).describe("Pipedrive's OAuth server: https://oauth.pipedrive.com."),
      clientId: text(200, { tooLong: "validation.clientId" }).trim().min(5, "validation.clientId").describe("The Marketplace app's client id."),
      clientSecret: text(200, { tooLong: "validation.clientSecret" }).trim().min(5, "validation.clientSecret").describe(`The Marketplace app's client secret. ${SECRET}`),
      refreshToken: text(2048).trim().min(8).describe(`The grant's refresh token. ${SECRET}`),
    })
    .describe("Pipedrive through a Marketplace app (OAuth): usually connected on the Integration page, shown here masked."),
  z
    .object({
      crm: z.literal("zoho"),
      dataCenter: zohoDataCenterSchema.describe(
        `The Zoho data centre the account lives in: ${Object.entries(ZOHO_DATA_CENTERS)
          .map(([key, dc]) => `${key} = ${dc.label}`)
          .join("; ")}; sandbox = the built-in sandbox.`,
      ),
      accountsUrl: text(2048).trim().pipe(z.url()).describe(`That data centre's accounts server (${Object.values(ZOHO_DATA_CENTERS).map((dc) => dc.accountsUrl).join(", ")}).`),
      apiDomain: text(2048).trim().pipe(z.url()).describe("The api_domain Zoho answered with the grant, e.g. https://www.zohoapis.eu; it must belong to the same data centre."),
      clientId: text(200, { tooLong: "validation.clientId" }).trim().min(5, "validation.clientId").describe("The client id from Zoho's API console (a server-based client)."),
      clientSecret: text(200, { tooLong: "validation.clientSecret" }).trim().min(5, "validation.clientSecret").describe(`The client secret from Zoho's API console. ${SECRET}`),
      refreshToken: text(2048).trim().min(8).describe(`A refresh token granted with the scopes ${ZOHO_SCOPES}. ${SECRET}`),
    })
    .describe("Zoho CRM through an OAuth client of the account's data centre."),
]);
export type ConnectionInput = z.infer<typeof connectionInputSchema>;

/** POST …/integration/activate: `replay` sends the stored events of the last 3 days (F12). */
export const activateSchema = z.object({ replay: z.boolean().default(false) });

export const EVENT_STATUSES = ["queued", "delivered", "failed", "skipped", "dead"] as const;
/** Platform events, plus the responsible-manager lookups kept beside them (F13). */
export const EVENT_TYPES = ["call", "form", "messenger", "recording", "summary", "lookup"] as const;

/** GET …/events filters (config API and the Events page). */
export const eventFilterSchema = z.object({
  status: z.enum(EVENT_STATUSES).optional(),
  type: z.enum(EVENT_TYPES).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
