// zod schemas of the Pipedrive v1/v2 answers the connector reads (others fields pass through).
import { z } from "zod";

const id = z.union([z.number(), z.string()]).transform(String);
const idOrObject = z.union([id, z.looseObject({ id: id }).transform((value) => value.id), z.looseObject({ value: id }).transform((value) => value.value)]).nullish();

export const envelope = <T extends z.ZodType>(data: T) =>
  z.looseObject({ success: z.literal(true), data, additional_data: z.looseObject({}).nullish() });

export const errorAnswerSchema = z.looseObject({ success: z.literal(false), error: z.string().optional(), error_info: z.string().nullish(), errorCode: z.number().optional() });

const contactPoint = z.union([z.string(), z.looseObject({ value: z.string().nullish() }).transform((value) => value.value ?? "")]);

/** v2 person / organization / deal, v1 lead: one lenient shape, mapped by mapping.ts. */
export const entitySchema = z.looseObject({
  id: id,
  name: z.string().nullish(),
  title: z.string().nullish(),
  owner_id: idOrObject,
  owner: idOrObject,
  org_id: idOrObject,
  organization_id: idOrObject,
  organization: idOrObject,
  person_id: idOrObject,
  pipeline_id: idOrObject,
  stage_id: idOrObject,
  status: z.string().nullish(),
  is_archived: z.boolean().nullish(),
  phones: z.array(contactPoint).nullish(),
  emails: z.array(contactPoint).nullish(),
  custom_fields: z.union([z.record(z.string(), z.unknown()), z.array(z.unknown())]).nullish(),
});
export type PipedriveEntity = z.infer<typeof entitySchema>;

export const searchAnswerSchema = envelope(z.looseObject({ items: z.array(z.looseObject({ result_score: z.number().optional(), item: entitySchema })) }));

export const userSchema = z.looseObject({
  id: id,
  name: z.string(),
  email: z.string(),
  active_flag: z.boolean().optional(),
  company_name: z.string().nullish(),
  company_domain: z.string().nullish(),
});

export const fieldSchema = z.looseObject({ key: z.string(), name: z.string(), field_type: z.string(), edit_flag: z.boolean().optional(), bulk_edit_allowed: z.boolean().optional() });

export const pipelineSchema = z.looseObject({ id: id, name: z.string(), order_nr: z.number().optional(), active: z.boolean().optional(), is_selected: z.boolean().optional() });
export const stageSchema = z.looseObject({ id: id, name: z.string(), order_nr: z.number(), pipeline_id: id });

/** Activities and call logs read back after a lost answer: the reference is in the note. */
export const notedListSchema = envelope(z.array(z.looseObject({ id: id, subject: z.string().nullish(), note: z.string().nullish() })).nullable());
export const callLogSchema = envelope(z.looseObject({ id: id, has_recording: z.boolean().optional() }));

export const createdSchema = envelope(z.looseObject({ id: id }));

export const oauthTokenSchema = z.looseObject({
  access_token: z.string(),
  refresh_token: z.string(),
  expires_in: z.number(),
  api_domain: z.string().optional(),
});
