// Zoho's connection (F1): the Integration page's form, the config API document's `connection`, and how a
// stored connection is shown masked and merged with a PUT.
import { z } from "zod";
import { text } from "@/lib/validation/text";
import { oauthClientFields, requireClient, storedGrantFields } from "@/lib/validation/connection";
import { ZOHO_DATA_CENTERS, ZOHO_SCOPES } from "./data-centers";

export const zohoDataCenterSchema = z.enum([...(Object.keys(ZOHO_DATA_CENTERS) as [keyof typeof ZOHO_DATA_CENTERS]), "sandbox"], { error: "validation.dataCenter" });

/** The Integration page's form. The sandbox brings its own client; every real data centre needs the client registered in Zoho's API console. */
export const zohoConnectSchema = z.object({ dataCenter: zohoDataCenterSchema, ...oauthClientFields }).superRefine((value, context) => {
  if (value.dataCenter !== "sandbox") requireClient(value, context);
});
export type ZohoConnect = z.output<typeof zohoConnectSchema>;
export type ZohoConnectInput = z.input<typeof zohoConnectSchema>;

/** The config API document's `connection` for Zoho. */
export const zohoConnectionSchema = z
  .object({
    crm: z.literal("zoho"),
    dataCenter: zohoDataCenterSchema.describe(
      `The Zoho data centre the account lives in: ${Object.entries(ZOHO_DATA_CENTERS)
        .map(([key, dc]) => `${key} = ${dc.label}`)
        .join("; ")}; sandbox = the built-in sandbox.`,
    ),
    accountsUrl: text(2048).trim().pipe(z.url()).describe(`That data centre's accounts server (${Object.values(ZOHO_DATA_CENTERS).map((dc) => dc.accountsUrl).join(", ")}).`),
    apiDomain: text(2048).trim().pipe(z.url()).describe("The api_domain Zoho answered with the grant, e.g. https://www.zohoapis.eu; it must belong to the same data centre."),
    ...storedGrantFields({
      clientId: "The client id from Zoho's API console (a server-based client).",
      clientSecret: "The client secret from Zoho's API console.",
      refreshToken: `A refresh token granted with the scopes ${ZOHO_SCOPES}.`,
    }),
  })
  .describe("Zoho CRM through an OAuth client of the account's data centre.");
export type ZohoConnection = z.infer<typeof zohoConnectionSchema>;
