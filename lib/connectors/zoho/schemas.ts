// zod schemas of the Zoho CRM v8 answers the connector reads (only the fields it uses; others pass through).
import { z } from "zod";

export const tokenAnswerSchema = z.union([
  z.object({ error: z.string() }),
  z.object({
    access_token: z.string(),
    refresh_token: z.string().optional(),
    api_domain: z.string(),
    token_type: z.string(),
    expires_in: z.number(),
  }),
]);

export const errorAnswerSchema = z.looseObject({ code: z.string(), message: z.string().optional(), details: z.unknown().optional(), status: z.string().optional() });

const lookup = z.looseObject({ id: z.string(), name: z.string().nullish() }).nullish();
const convertedTarget = z.union([z.string(), z.looseObject({ id: z.string() })]).nullish();

export const recordSchema = z.looseObject({
  id: z.string(),
  Owner: lookup,
  First_Name: z.string().nullish(),
  Last_Name: z.string().nullish(),
  Full_Name: z.string().nullish(),
  Company: z.string().nullish(),
  Account_Name: z.union([z.string(), lookup]).nullish(),
  Deal_Name: z.string().nullish(),
  Contact_Name: lookup,
  Stage: z.string().nullish(),
  Pipeline: z.union([z.string(), lookup]).nullish(),
  Phone: z.string().nullish(),
  Mobile: z.string().nullish(),
  Home_Phone: z.string().nullish(),
  Other_Phone: z.string().nullish(),
  Asst_Phone: z.string().nullish(),
  Email: z.string().nullish(),
  $converted: z.boolean().nullish(),
  /** What a converted lead became; each target as {name, id} (some accounts answer the bare id). */
  $converted_detail: z
    .looseObject({ contact: convertedTarget, account: convertedTarget, deal: convertedTarget })
    .or(z.array(z.unknown()))
    .nullish(),
});
export type ZohoRecord = z.infer<typeof recordSchema>;

export const recordsAnswerSchema = z.object({
  data: z.array(recordSchema),
  info: z.looseObject({ per_page: z.number(), count: z.number(), page: z.number(), more_records: z.boolean() }).optional(),
});

/** Tasks and calls found again after a lost answer: the reference is in Description. */
export const referencedAnswerSchema = z.object({ data: z.array(z.looseObject({ id: z.string(), Description: z.string().nullish() })) });

export const taskAnswerSchema = z.object({ data: z.array(z.looseObject({ id: z.string(), Status: z.string().nullish() })) });

export const attachmentsAnswerSchema = z.object({ data: z.array(z.looseObject({ id: z.string() })) });

export const writeAnswerSchema = z.object({
  data: z.array(
    z.looseObject({
      code: z.string(),
      status: z.string(),
      message: z.string().optional(),
      details: z.looseObject({ id: z.string().optional(), api_name: z.string().optional() }).optional(),
    }),
  ),
});

export const usersAnswerSchema = z.object({
  users: z.array(z.looseObject({ id: z.string(), full_name: z.string().nullish(), email: z.string(), status: z.string().nullish() })),
});

export const orgAnswerSchema = z.object({
  org: z.array(z.looseObject({ id: z.string(), company_name: z.string().nullish(), domain_name: z.string().nullish(), zgid: z.string().nullish(), license_details: z.looseObject({ paid_type: z.string().nullish() }).nullish() })),
});

export const fieldsAnswerSchema = z.object({
  fields: z.array(
    z.looseObject({
      id: z.string(),
      api_name: z.string(),
      field_label: z.string(),
      data_type: z.string(),
      custom_field: z.boolean(),
      read_only: z.boolean().optional(),
      length: z.number().nullish(),
    }),
  ),
});

export const layoutsAnswerSchema = z.object({ layouts: z.array(z.looseObject({ id: z.string(), name: z.string() })) });

export const pipelinesAnswerSchema = z.object({
  pipeline: z.array(
    z.looseObject({
      id: z.string(),
      display_value: z.string(),
      default: z.boolean(),
      maps: z.array(
        z.looseObject({
          id: z.string(),
          display_value: z.string(),
          actual_value: z.string().nullish(),
          sequence_number: z.number(),
          forecast_type: z.enum(["Open", "Closed Won", "Closed Lost"]),
        }),
      ),
    }),
  ),
});
