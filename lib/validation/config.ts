// The integration configuration: one zod schema per editor (form, server action and REST API share
// them) and the whole document of the config API. Messages are i18n keys (see lib/validation/auth.ts).
import { z } from "zod";
import { configId, text } from "./text";
import {
  ACTIONS,
  CALL_PHASES,
  CHANNELS,
  CONTACT_POLICIES,
  DEAL_POLICIES,
  DEFAULT_PARAMETERS,
  DUE_KINDS,
  isCallTrigger,
  isPlatformVariable,
  MAPPED_ENTITIES,
  MATRIX_ENTITIES,
  MESSENGER_CHANNELS,
  ROUTING_ENTITIES,
  ROUTING_MODES,
  STAGE_RULE_OPERATORS,
  TRIGGERS,
  type DefaultParameter,
  type MatrixEntity,
  type Trigger,
} from "@/lib/validation/vocabulary";
import { emailSchema } from "./auth";
import { SIP_LOGIN, stopListSchema } from "./stop-list";

const id = configId;

// ---- Matrix (F2)

const actionSchema = z.enum(ACTIONS);

/** One row per trigger (a list, not an object keyed by trigger: the triggers' dots would read as paths). */
export const matrixRowSchema = z.object({
  trigger: z.enum(TRIGGERS),
  ...(Object.fromEntries(MATRIX_ENTITIES.map((entity) => [entity, actionSchema])) as Record<MatrixEntity, typeof actionSchema>),
  /**
   * F19, call triggers: the phase of the call at which its entities are written. After the call by default
   * (documents stored before live calls keep today's behaviour); the call log is always written at the end.
   */
  when: z.enum(CALL_PHASES).default("completed"),
});

export const matrixSchema = z.array(matrixRowSchema).superRefine((rows, context) => {
  const seen = new Set<Trigger>();
  rows.forEach((row, index) => {
    if (seen.has(row.trigger)) context.addIssue({ code: "custom", path: [index, "trigger"], message: "validation.duplicateTrigger" });
    seen.add(row.trigger);
    // A task is created or not: there is nothing to "update" about a missed-call task.
    if (row.task === "update") context.addIssue({ code: "custom", path: [index, "task"], message: "validation.taskUpdate" });
    // A form or a chat has no phases: it is written when it arrives.
    if (!isCallTrigger(row.trigger) && row.when !== "completed") context.addIssue({ code: "custom", path: [index, "when"], message: "validation.whenCallsOnly" });
  });
  for (const trigger of TRIGGERS) if (!seen.has(trigger)) context.addIssue({ code: "custom", path: [], message: "validation.missingTrigger" });
});
export type Matrix = z.infer<typeof matrixSchema>;
export type MatrixRow = z.infer<typeof matrixRowSchema>;

// ---- Mapping tabs (F4)

export const mappingSourceSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("variable"), name: text(100).trim().min(1, "validation.variable") }),
  z.object({
    type: z.literal("form_field"),
    /** Several names for forms that call the same field differently; comma-separated in the editor. */
    names: z.array(text(100).trim().min(1)).min(1, "validation.formFields").max(20),
  }),
  z.object({ type: z.literal("constant"), value: text(255, { tooLong: "validation.constant" }) }),
]);

export const mappingRowSchema = z.object({ field: text(100).trim().min(1, "validation.crmField"), source: mappingSourceSchema });
export type MappingRow = z.infer<typeof mappingRowSchema>;

/** One tab: rows of `CRM field ← source`; the same CRM field may appear once. */
export const mappingTabSchema = z.array(mappingRowSchema).max(100).superRefine((rows, context) => {
  const seen = new Map<string, number>();
  rows.forEach((row, index) => {
    if (seen.has(row.field)) context.addIssue({ code: "custom", path: [index, "field"], message: "validation.duplicateField" });
    else seen.set(row.field, index);
  });
});

export const mappingsSchema = z
  .object(
    Object.fromEntries(CHANNELS.map((channel) => [channel, z.object(Object.fromEntries(MAPPED_ENTITIES.map((entity) => [entity, mappingTabSchema])))])) as Record<
      (typeof CHANNELS)[number],
      z.ZodObject<Record<(typeof MAPPED_ENTITIES)[number], typeof mappingTabSchema>>
    >,
  )
  .superRefine((mappings, context) => {
    // A variable the channel's events do not carry would silently fill nothing (`utm_source`, `client_id`).
    for (const channel of CHANNELS)
      for (const entity of MAPPED_ENTITIES)
        mappings[channel][entity].forEach((row, index) => {
          if (row.source.type === "variable" && !isPlatformVariable(row.source.name, [channel])) {
            context.addIssue({ code: "custom", path: [channel, entity, index, "source", "name"], message: "validation.unknownVariable" });
          }
        });
  });
export type Mappings = z.infer<typeof mappingsSchema>;

// ---- Default parameters (F3)

const defaultFieldSchema = text(100).trim().default("");
const entityDefaultsSchema = z
  .object(Object.fromEntries(Object.keys(DEFAULT_PARAMETERS).map((parameter) => [parameter, defaultFieldSchema])) as Record<DefaultParameter, typeof defaultFieldSchema>)
  .superRefine((fields, context) => {
    // One CRM field receives one parameter: two UTM tags in one field would overwrite each other.
    const seen = new Set<string>();
    for (const [parameter, field] of Object.entries(fields)) {
      if (field && seen.has(field)) context.addIssue({ code: "custom", path: [parameter], message: "validation.duplicateField" });
      seen.add(field);
    }
  });
const noDefaults = () => Object.fromEntries(Object.keys(DEFAULT_PARAMETERS).map((parameter) => [parameter, ""])) as Record<DefaultParameter, string>;

/** Per entity, the CRM field each UTM tag and the client id go to ("" = not sent). Absent in documents stored before it existed. */
export const defaultFieldsSchema = z
  .object(Object.fromEntries(MAPPED_ENTITIES.map((entity) => [entity, entityDefaultsSchema.default(noDefaults)])) as Record<(typeof MAPPED_ENTITIES)[number], z.ZodDefault<typeof entityDefaultsSchema>>)
  .default(() => Object.fromEntries(MAPPED_ENTITIES.map((entity) => [entity, noDefaults()])) as Record<(typeof MAPPED_ENTITIES)[number], Record<DefaultParameter, string>>);
export type DefaultFields = z.infer<typeof defaultFieldsSchema>;

// ---- Stage rules (F5)

export const stageRuleSchema = z.object({
  id,
  pipelineId: text(200).trim().min(1, "validation.pipeline"),
  stageId: text(200).trim().min(1, "validation.stage"),
  variable: text(100)
    .trim()
    .min(1, "validation.variable")
    .refine((name) => isPlatformVariable(name), "validation.unknownVariable"),
  operator: z.enum(STAGE_RULE_OPERATORS),
  value: text(255, { tooLong: "validation.constant" }),
});
export const stageRulesSchema = z.array(stageRuleSchema).max(100);
export type StageRule = z.infer<typeof stageRuleSchema>;

// ---- Stop-list (F9): lib/validation/stop-list.ts

// ---- Messengers (F10), forms (F11)

export const messengersSchema = z.object({
  channels: z.object(Object.fromEntries(MESSENGER_CHANNELS.map((channel) => [channel, z.boolean()])) as Record<(typeof MESSENGER_CHANNELS)[number], z.ZodBoolean>),
  /** Chat bots exist per channel on the platform side; the admin confirms which ones are set up. */
  chatBots: z.object(Object.fromEntries(MESSENGER_CHANNELS.map((channel) => [channel, z.boolean()])) as Record<(typeof MESSENGER_CHANNELS)[number], z.ZodBoolean>),
});

const fieldNames = z.array(text(100).trim().min(1)).max(20);
export const formsSchema = z.object({
  /** Phone is read from these fields in order (seed: tel, then phone, then any mapped field). */
  phoneFields: fieldNames.min(1, "validation.formFields"),
  emailFields: fieldNames,
  /** The client's name is read from the first of these that is filled in (documents stored before it: the defaults). */
  nameFields: fieldNames.default(["name", "fullname", "your-name"]),
});

// ---- Employees (F14), routing (F13)

export const employeeSchema = z.object({
  id,
  name: text(100, { tooLong: "validation.name" }).trim().min(1, "validation.name"),
  email: emailSchema,
  sip: z.union([z.literal(""), text(64).trim().regex(SIP_LOGIN, "validation.sipLogin")]).default(""),
  /** Set when the CRM user cannot be matched by e-mail. */
  crmUserId: text(64).trim().default(""),
});
export const employeesSchema = z.array(employeeSchema).max(1000).superRefine((employees, context) => {
  const emails = new Set<string>();
  const sips = new Set<string>();
  employees.forEach((employee, index) => {
    if (emails.has(employee.email)) context.addIssue({ code: "custom", path: [index, "email"], message: "validation.duplicateEmail" });
    if (employee.sip && sips.has(employee.sip)) context.addIssue({ code: "custom", path: [index, "sip"], message: "validation.duplicateSip" });
    emails.add(employee.email);
    if (employee.sip) sips.add(employee.sip);
  });
});
export type Employee = z.infer<typeof employeeSchema>;

export const routingSchema = z.object({
  enabled: z.boolean(),
  mode: z.enum(ROUTING_MODES),
  order: z
    .array(z.enum(ROUTING_ENTITIES))
    .min(1, "validation.routingOrder")
    .refine((order) => new Set(order).size === order.length, "validation.routingOrder"),
  fallbackEmployeeId: text(64).trim().default(""),
  timeoutMs: z.number({ error: "validation.timeout" }).int("validation.timeout").min(100, "validation.timeout").max(10_000, "validation.timeout"),
});

/** F22, several matches: which of several open deals (or contacts) of one caller is taken. */
export const matchingSchema = z
  .object({
    deals: z.enum(DEAL_POLICIES, { error: "validation.matchingPolicy" }).default("recent"),
    contacts: z.enum(CONTACT_POLICIES, { error: "validation.matchingPolicy" }).default("recent"),
  })
  // Documents stored before this section existed read as the default.
  .default({ deals: "recent", contacts: "recent" });

/** F23: a task rule's due time. `amount` counts minutes or hours; a business day's end needs none. */
export const dueSchema = z.object({
  kind: z.enum(DUE_KINDS, { error: "validation.dueKind" }),
  amount: z.number({ error: "validation.dueAmount" }).int("validation.dueAmount").min(0, "validation.dueAmount").max(10_080, "validation.dueAmount").default(0),
});
export type Due = z.infer<typeof dueSchema>;

export const TASK_RULES_DEFAULT = {
  missed: { due: { kind: "businessDayEnd" as const, amount: 0 } },
  otherAnswered: { enabled: false, due: { kind: "hours" as const, amount: 4 } },
  unknownEmployee: { enabled: false, due: { kind: "hours" as const, amount: 4 } },
  businessDayEnd: "18:00",
  onePerClient: true,
};

export const taskRulesSchema = z
  .object({
    missed: z.object({ due: dueSchema }),
    otherAnswered: z.object({ enabled: z.boolean(), due: dueSchema }),
    unknownEmployee: z.object({ enabled: z.boolean(), due: dueSchema }),
    /** The end of a business day (Monday to Friday) in the project's time zone, HH:MM. */
    businessDayEnd: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "validation.businessDayEnd"),
    /** A client gets no second task of a rule while the first is still open in the CRM. */
    onePerClient: z.boolean(),
  })
  // Documents stored before this section existed read as the defaults: the missed-call task due at the end of
  // the business day (after hours, the next one's), and no second one while a client's first is open.
  .default(TASK_RULES_DEFAULT);

// ---- The whole document (config API)

export const CONFIG_SECTIONS = {
  matrix: matrixSchema.describe(
    "F2: per trigger, what happens to each entity: create (find, else create; update what was found), update (only what exists) or none. One row per trigger. F19, call triggers: `when` the entities are written — ringing (while the phone rings; the outcome is not known yet, so an entity is written at ring when the row of either outcome of that direction writes it at ring), answered (at pickup) or completed (after the call, the default). The call log is always written once the call has completed, linked to what the earlier phases found or created; no entity is created twice for one call.",
  ),
  defaultFields: defaultFieldsSchema.describe(
    'F3: per entity, the CRM field (a key from crm-metadata, "" = not sent) that always receives each UTM tag and the client id, whatever the channel. UTM fields of an existing record are written only while all are empty; the client id field is also searched.',
  ),
  mappings: mappingsSchema.describe("F4: per channel and entity, rows of CRM field ← source (a platform variable from PlatformVariables or variables.<name>, form field names, or a constant). Fields are custom text fields from crm-metadata."),
  stageRules: stageRulesSchema.describe("F5: ordered rules; the first whose variable matches puts a new deal in its pipeline and stage (ids from crm-metadata). Otherwise the default pipeline's first open stage."),
  stopList: stopListSchema.describe("F9: SIP logins, or FMC numbers with their SIP pair, whose calls create nothing in the CRM (still stored, as skipped)."),
  messengers: messengersSchema.describe("F10: which messenger channels and chat bots are on."),
  forms: formsSchema.describe("F11: which form fields hold the phone and the e-mail."),
  employees: employeesSchema.describe("F14: the PBX's employees; crmUserId overrides matching by e-mail (a user id from crm-metadata)."),
  routing: routingSchema.describe("F13: the responsible-manager answer while a call rings."),
  taskRules: taskRulesSchema.describe(
    "F23, task rules: `missed` — the missed-call task of the matrix's task column, for the responsible manager (the contact's owner, else the answering employee, else the top manager); `otherAnswered` — when another employee answered a caller who has a responsible manager, a task for that manager; `unknownEmployee` — when the answering employee is not known, a task for the top manager (routing.fallbackEmployeeId). Each rule's `due`: in `amount` minutes or hours, or at the business day's end (`businessDayEnd`, HH:MM in the project's time zone, Monday to Friday; after it, the next business day's). `onePerClient`: no second task of a rule for a client while the first is still open in the CRM.",
  ),
  matching: matchingSchema.describe(
    "F22, several matches: when several open deals of the caller's contact match, `deals` takes the most recently updated (recent, the default), the oldest, or the first by the CRM's own pipeline order (pipelines; the most recently updated within a pipeline); when several contacts hold the number, `contacts` takes the most recently updated or the oldest. The trace says that several matched and which was taken.",
  ),
} as const;

export const integrationConfigSchema = z.object(CONFIG_SECTIONS).superRefine((config, context) => {
  // A CRM field fed by a default parameter is not also a mapping row's: one of the two would be lost.
  // Named on both sides, so whichever editor saves it shows the problem next to its own field.
  for (const entity of MAPPED_ENTITIES) {
    const mapped = new Set<string>();
    for (const channel of CHANNELS)
      config.mappings[channel][entity].forEach((row, index) => {
        if (!Object.values(config.defaultFields[entity]).includes(row.field)) return;
        mapped.add(row.field);
        context.addIssue({ code: "custom", path: ["mappings", channel, entity, index, "field"], message: "validation.defaultFieldMapped" });
      });
    for (const [parameter, field] of Object.entries(config.defaultFields[entity])) {
      if (field && mapped.has(field)) context.addIssue({ code: "custom", path: ["defaultFields", entity, parameter], message: "validation.mappedFieldDefault" });
    }
  }
  const fallback = config.routing.fallbackEmployeeId;
  if (fallback && !config.employees.some((employee) => employee.id === fallback)) {
    context.addIssue({ code: "custom", path: ["routing", "fallbackEmployeeId"], message: "validation.unknownEmployee" });
  }
});
export type IntegrationConfig = z.infer<typeof integrationConfigSchema>;
export type ConfigSection = keyof typeof CONFIG_SECTIONS;

/**
 * What an editor's form holds and its server action takes: the section under `value` (a form's root
 * must be an object, and some sections are lists).
 */
export const sectionFormSchemas = Object.fromEntries(Object.entries(CONFIG_SECTIONS).map(([section, schema]) => [section, z.object({ value: schema })])) as {
  [S in ConfigSection]: z.ZodObject<{ value: (typeof CONFIG_SECTIONS)[S] }>;
};
export type SectionForm<S extends ConfigSection> = { value: IntegrationConfig[S] };
export type SectionFormInput<S extends ConfigSection> = z.input<(typeof sectionFormSchemas)[S]>;
