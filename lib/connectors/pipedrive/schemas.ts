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
  /** v2 marks a deleted record `is_deleted` (readable for 30 days); v1 answers `active_flag: false`. */
  is_deleted: z.boolean().nullish(),
  active_flag: z.boolean().nullish(),
});
export type PipedriveEntity = z.infer<typeof entitySchema>;

export const searchAnswerSchema = envelope(z.looseObject({ items: z.array(z.looseObject({ result_score: z.number().optional(), item: entitySchema })) }));

/** Item search with search_for_related_items: the hits, and the leads and deals related to them. */
const typedItem = entitySchema.extend({ type: z.string().nullish(), person: idOrObject });
export const itemSearchAnswerSchema = envelope(
  z.looseObject({
    items: z.array(z.looseObject({ item: typedItem })),
    related_items: z.array(z.looseObject({ item: typedItem })).nullish(),
  }),
);

export const userSchema = z.looseObject({
  id: id,
  name: z.string(),
  email: z.string(),
  active_flag: z.boolean().optional(),
  company_name: z.string().nullish(),
  company_domain: z.string().nullish(),
  /** The user's time zone: the company's budget day ends at midnight there. */
  timezone_name: z.string().nullish(),
  is_admin: z.union([z.boolean(), z.number()]).nullish(),
});

/** API v2 field lists: https://developers.pipedrive.com/docs/api/v2/PersonFields#getPersonFields */
export const fieldSchema = z.looseObject({ field_code: z.string(), field_name: z.string(), field_type: z.string(), is_custom_field: z.boolean() });

/** API v2 pipelines and stages (no default flag: the first pipeline by order is the default). */
export const pipelineSchema = z.looseObject({ id: id, name: z.string(), order_nr: z.number().optional(), is_deleted: z.boolean().optional() });
export const stageSchema = z.looseObject({ id: id, name: z.string(), order_nr: z.number(), pipeline_id: id, is_deleted: z.boolean().optional() });

/** A v2 list answer: its page of items and the cursor of the next page (null on the last). */
export const cursorListSchema = <T extends z.ZodType>(item: T) =>
  z.looseObject({ success: z.literal(true), data: z.array(item).nullable(), additional_data: z.looseObject({ next_cursor: z.string().nullish() }).nullish() });

/** Activities and call logs read back after a lost answer: the reference is in the note. */
const noted = z.looseObject({ id: id, subject: z.string().nullish(), note: z.string().nullish(), type: z.string().nullish(), owner_id: idOrObject, activity_id: idOrObject });
export const notedListSchema = envelope(z.array(noted).nullable());
/** A v2 list page of activities (cursor) or a v1 page of call logs (start / more_items_in_collection). */
export const notedPageSchema = z.looseObject({
  success: z.literal(true),
  data: z.array(noted).nullable(),
  additional_data: z
    .looseObject({ next_cursor: z.string().nullish(), pagination: z.looseObject({ more_items_in_collection: z.boolean().optional(), next_start: z.number().optional() }).nullish() })
    .nullish(),
});
export const callLogSchema = envelope(z.looseObject({ id: id, has_recording: z.boolean().optional() }));

export const createdSchema = envelope(z.looseObject({ id: id }));

/** A v1 page of notes (GET /v1/notes): the call summaries already written are found by their reference. */
export const noteListSchema = envelope(z.array(z.looseObject({ id: id, content: z.string() })).nullable());

export const oauthTokenSchema = z.looseObject({
  access_token: z.string(),
  refresh_token: z.string(),
  expires_in: z.number(),
  api_domain: z.string().optional(),
});
