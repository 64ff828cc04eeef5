// The words of the integration configuration (PRODUCT.md F2–F5, F9–F14): triggers, entities, actions,
// channels and the platform variables a mapping or a stage rule may read.

export const TRIGGERS = ["call.incoming.answered", "call.incoming.missed", "call.outgoing.answered", "call.outgoing.missed", "form", "messenger"] as const;
export type Trigger = (typeof TRIGGERS)[number];

/**
 * F19: the phases of a call, in the order they happen; also *when* a call trigger's entities are written
 * (at ring, at pickup, or after the call: the seed's "at the moment of the call or when the phone is picked up").
 */
export const CALL_PHASES = ["ringing", "answered", "completed"] as const;
export type CallPhase = (typeof CALL_PHASES)[number];

/** F22, several matches (lib/engine/several-matches.ts): which open deal, and which contact, is taken. */
export const DEAL_POLICIES = ["recent", "oldest", "pipelines"] as const;
export const CONTACT_POLICIES = ["recent", "oldest"] as const;
export type DealPolicy = (typeof DEAL_POLICIES)[number];

/**
 * F23, task rules (Ringostat's): missed — a missed call, for the responsible manager (the matrix's task
 * column turns it on per trigger); otherAnswered — another employee answered a caller who has a responsible
 * manager, for that manager; unknownEmployee — the answering employee is not known, for the top manager.
 */
export const TASK_RULES = ["missed", "otherAnswered", "unknownEmployee"] as const;
export type TaskRule = (typeof TASK_RULES)[number];
/** When a rule's task is due: in so many minutes or hours, or at the end of the (next) business day. */
export const DUE_KINDS = ["minutes", "hours", "businessDayEnd"] as const;
export type DueKind = (typeof DUE_KINDS)[number];
export type ContactPolicy = (typeof CONTACT_POLICIES)[number];
export const isCallTrigger = (trigger: Trigger) => trigger.startsWith("call.");

export const MATRIX_ENTITIES = ["lead", "contact", "organization", "deal", "task"] as const;
export type MatrixEntity = (typeof MATRIX_ENTITIES)[number];

export const ACTIONS = ["create", "update", "none"] as const;
export type Action = (typeof ACTIONS)[number];

/** Mapping tabs exist per channel and per entity that has fields of its own. */
export const CHANNELS = ["call", "form", "messenger"] as const;
export type Channel = (typeof CHANNELS)[number];
export const MAPPED_ENTITIES = ["lead", "contact", "organization", "deal"] as const;
export type MappedEntity = (typeof MAPPED_ENTITIES)[number];

/** Platform variables by channel (the event fields of PRODUCT.md §3, flattened). */
export const PLATFORM_VARIABLES: Record<Channel, readonly string[]> = {
  call: [
    "caller",
    "callee",
    "line",
    "direction",
    "status",
    "pool",
    "durationSec",
    "waitSec",
    "startedAt",
    "recordingUrl",
    "employee.name",
    "employee.email",
    "employee.sip",
    "utm.source",
    "utm.medium",
    "utm.campaign",
    "utm.term",
    "utm.content",
    "clientId",
    "landingPage",
    "referrer",
    // F19: the call's AI analysis, sent later as a summary event; rows naming these are written then.
    "summary",
    "sentiment",
    "tags",
  ],
  form: ["formName", "pageUrl", "submittedAt", "utm.source", "utm.medium", "utm.campaign", "utm.term", "utm.content", "clientId"],
  messenger: ["channel", "client.name", "client.phone", "client.messengerId", "chatUrl", "sentAt", "employee.name", "employee.email", "employee.sip", "utm.source", "utm.medium", "utm.campaign", "utm.term", "utm.content", "clientId"],
};

/**
 * F3 default parameters: per entity, which CRM field always receives each UTM tag and the client id
 * (whatever the channel). Keys without dots, so that issue paths stay unambiguous.
 */
export const DEFAULT_PARAMETERS = {
  utmSource: "utm.source",
  utmMedium: "utm.medium",
  utmCampaign: "utm.campaign",
  utmTerm: "utm.term",
  utmContent: "utm.content",
  clientId: "clientId",
} as const;
export type DefaultParameter = keyof typeof DEFAULT_PARAMETERS;

/** Custom variables the platform sends in an event's `variables` object, named `variables.<name>`. */
export const CUSTOM_VARIABLE = /^variables\.[\p{L}\p{N}_-]+$/u;

/** Whether a mapping row or a stage rule may read this variable in events of these channels. */
export const isPlatformVariable = (name: string, channels: readonly Channel[] = CHANNELS) => CUSTOM_VARIABLE.test(name) || channels.some((channel) => PLATFORM_VARIABLES[channel].includes(name));

/** Stage rule operators; a rule may test any platform variable of any channel, or a custom `variables.<name>`. */
export const STAGE_RULE_OPERATORS = ["equals", "not_equals", "contains", "starts_with"] as const;
export type StageRuleOperator = (typeof STAGE_RULE_OPERATORS)[number];

export const ROUTING_ENTITIES = ["contact", "organization", "deal"] as const;
export const ROUTING_MODES = ["crm_owner", "last_employee"] as const;
export type RoutingEntity = (typeof ROUTING_ENTITIES)[number];
export const MESSENGER_CHANNELS = ["telegram", "viber", "facebook"] as const;
