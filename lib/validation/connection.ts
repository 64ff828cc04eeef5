// The pieces every CRM's connection schema is built of (lib/connectors/<crm>/connection.ts): the
// masked-secret convention of the config API and an OAuth app's id and secret.
import { z } from "zod";
import { text } from "./text";

/** What GET shows instead of a secret; sending it back in a PUT keeps the stored secret. */
export const SECRET_MASK = "********";

/** How the config API's document describes a secret field. */
export const SECRET_NOTE = 'Write-only: GET shows "********"; sending that back keeps the stored value (only while the addresses stay the same).';

/** An http(s) address a CRM answers at; messages are i18n keys (see lib/validation/auth.ts). */
export const crmUrl = () =>
  text(2048)
    .trim()
    .pipe(z.url({ protocol: /^https?$/, error: "validation.crmUrl" }));

/** An OAuth app's id and secret: empty for the built-in sandbox (it brings its own), required otherwise. */
export const oauthClientFields = {
  clientId: text(200, { tooLong: "validation.clientId" }).trim().default(""),
  clientSecret: text(200, { tooLong: "validation.clientSecret" }).trim().default(""),
};

export function requireClient(value: { clientId: string; clientSecret: string }, context: z.RefinementCtx) {
  if (value.clientId.length < 5) context.addIssue({ code: "custom", path: ["clientId"], message: "validation.clientId" });
  if (value.clientSecret.length < 5) context.addIssue({ code: "custom", path: ["clientSecret"], message: "validation.clientSecret" });
}

/** A stored OAuth grant in the config API's document: the app's id and secret and the refresh token, each described by its CRM. */
export const storedGrantFields = (describe: { clientId: string; clientSecret: string; refreshToken: string }) => ({
  clientId: text(200, { tooLong: "validation.clientId" }).trim().min(5, "validation.clientId").describe(describe.clientId),
  clientSecret: text(200, { tooLong: "validation.clientSecret" }).trim().min(5, "validation.clientSecret").describe(`${describe.clientSecret} ${SECRET_NOTE}`),
  refreshToken: text(2048).trim().min(8).describe(`${describe.refreshToken} ${SECRET_NOTE}`),
});
