// The OpenAPI 3.1 description of the REST API, generated from the same zod schemas the API validates with.
import { z } from "zod";
import { integrationConfigSchema } from "@/lib/validation/config";
import { callEventSchema, formEventSchema, messengerEventSchema, recordingEventSchema, summaryEventSchema } from "@/lib/validation/platform-event";
import { responsibleManagerRequestSchema } from "@/lib/routing/lookup";
import { CRM_KINDS, connectionInputSchema } from "@/lib/connectors/registry";
import { activateSchema, EVENT_STATUSES, EVENT_TYPES } from "@/lib/validation/integration";
import { apiTokenSchema } from "@/lib/validation/api-token";
import { CHANNELS, PLATFORM_VARIABLES } from "@/lib/validation/vocabulary";
import { ERROR_STATUS, type ErrorCode } from "@/lib/errors";
import { en } from "@/lib/i18n/messages/en";
import { translator, type MessageKey, type Translate } from "@/lib/i18n/config";
import { EXAMPLES, SIGNING_RECIPE } from "./openapi-examples";

const json = (schema: z.ZodType) => z.toJSONSchema(schema, { target: "draft-2020-12", unrepresentable: "any", io: "input" }) as Record<string, unknown>;
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
/** The document's opening prose (Markdown) in a language: the served document has the English, the API reference page the admin's. */
export const apiIntro = (t: Translate) =>
  [t("api.doc.intro"), "", t("api.doc.config"), "", t("api.doc.webhooks"), "", "```sh", ...SIGNING_RECIPE, "```", "", t("api.doc.errors")].join("\n");

/** An answer's description in a language: the document names it by its English (from `en`), the page says it in the admin's. */
const ANSWER_KEYS = new Map((Object.keys(en) as MessageKey[]).filter((key) => key.startsWith("api.answer.")).map((key) => [en[key] as string, key]));
export function answerText(t: Translate, english: string): string {
  const key = ANSWER_KEYS.get(english);
  return key ? t(key) : english;
}

const body = (schema: object, description: string = en["api.answer.ok"]) => ({ description, content: { "application/json": { schema } } });

const ERROR_CODES = Object.keys(ERROR_STATUS) as ErrorCode[];
const errorSchema = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES as [ErrorCode, ...ErrorCode[]]),
    message: z.string().describe("In English, naming the problem."),
    issues: z.array(z.object({ path: z.string().describe("Where in the body, e.g. config.stageRules.0.stageId"), message: z.string() })).optional(),
  }),
});

const documentSchema = z.object({
  crm: z.enum(CRM_KINDS).nullable().describe("Read-only."),
  status: z.enum(["active", "inactive", "broken", "not_connected"]).describe("Read-only; change it with activate / deactivate. A new connection starts inactive; connecting never changes it."),
  lastError: z.string().nullable().describe("Read-only."),
  pause: z
    .object({
      until: z.string().describe("ISO date-time: when the CRM's quota is back and deliveries go on by themselves."),
      quota: z.enum(["daily_budget", "unpaid", "api_credits"]).describe("daily_budget: Pipedrive's daily request budget used up (back at the company's midnight); unpaid: Pipedrive answered 402 (looked at again hourly); api_credits: Zoho's API credits used up (rolling 24 h)."),
      crmWords: z.string().describe("The CRM's own words."),
    })
    .nullable()
    .describe("Read-only. A CRM quota ran out: every event of the project waits (status queued, reason \"quota: …\") and loses no attempt; null while deliveries run."),
  account: z.record(z.string(), z.unknown()).nullable().describe("Read-only: what the last connection test saw."),
  connection: connectionInputSchema.nullable().describe('Optional in a PUT (absent or null keeps the stored one). Secrets are write-only: GET shows "********"; sending that back keeps the stored secret.'),
  config: integrationConfigSchema,
});

/** What a PUT takes: the read-only parts may be sent back (as GET shows them) and are ignored. */
const documentInputSchema = documentSchema.partial({ crm: true, status: true, lastError: true, pause: true, account: true, connection: true });

/** An error answer whose `error.code` is one of `codes` (as the route sends them). */
const problem = (description: string, ...codes: ErrorCode[]) =>
  body({ allOf: [ref("Error"), { type: "object", properties: { error: { type: "object", properties: { code: { enum: codes } } } } }] }, description);
const ok = (schema: object, example: unknown, description: string = en["api.answer.ok"]) => ({ description, content: { "application/json": { schema, example } } });
const request = (schema: object, example: unknown, required = true) => ({ required, content: { "application/json": { schema, example } } });

const tokenErrors = {
  "401": problem(en["api.answer.unauthenticated"], "UNAUTHENTICATED"),
  "403": problem(en["api.answer.forbidden"], "FORBIDDEN"),
};
const bodyErrors = {
  "400": problem(en["api.answer.badBody"], "BAD_REQUEST"),
  "413": problem(en["api.answer.tooLarge"], "PAYLOAD_TOO_LARGE"),
};
const notConnected = { "409": problem(en["api.answer.notConnected"], "CONFLICT") };

export function openApiDocument(serverUrl: string) {
  const projectKey = { name: "projectKey", in: "path", required: true, schema: { type: "string" }, description: "The project's key." };
  const tokenId = { name: "tokenId", in: "path", required: true, schema: { type: "string" }, description: "The API token's id (from the list)." };
  return {
    openapi: "3.1.0",
    info: {
      title: "Callbridge API",
      version: "1",
      description: apiIntro(translator("en")),
    },
    servers: [{ url: serverUrl }],
    security: [{ projectToken: [] }],
    paths: {
      "/api/v1/projects/{projectKey}/integration": {
        parameters: [projectKey],
        get: { summary: en["api.op.get.integration"], responses: { "200": ok(ref("IntegrationDocument"), EXAMPLES.documentGet), ...tokenErrors } },
        put: {
          summary: en["api.op.put.integration"],
          description:
            "A connection that differs from the stored one is checked against the CRM first (nothing is stored yet); the configuration is then checked against that CRM's fields, pipelines and users, and both are stored in one transaction. Pipelines, stages, fields and users may be named by their ids or by their names (labels, e-mails): they are stored as ids. Every problem is reported at once and nothing changes on error. The status is never changed here.",
          requestBody: request(ref("IntegrationDocumentInput"), EXAMPLES.documentPut),
          responses: {
            "200": ok(ref("IntegrationDocument"), EXAMPLES.documentGet, en["api.answer.stored"]),
            ...tokenErrors,
            ...bodyErrors,
            "422": { ...problem(en["api.answer.invalidDocument"], "UNPROCESSABLE"), content: { "application/json": { schema: ref("Error"), example: EXAMPLES.unprocessable } } },
            "503": problem(en["api.answer.crmUnreachableCheck"], "UNAVAILABLE"),
          },
        },
      },
      "/api/v1/projects/{projectKey}/integration/crm-metadata": {
        parameters: [projectKey],
        get: {
          summary: en["api.op.get.integration.crm-metadata"],
          responses: {
            "200": ok(ref("CrmMetadata"), EXAMPLES.crmMetadata),
            ...tokenErrors,
            ...notConnected,
            "503": problem(en["api.answer.crmUnreadable"], "UNAVAILABLE"),
          },
        },
      },
      "/api/v1/projects/{projectKey}/integration/activate": {
        parameters: [projectKey],
        post: {
          summary: en["api.op.post.integration.activate"],
          requestBody: request(ref("ActivateRequest"), EXAMPLES.activateRequest, false),
          responses: {
            "200": ok({ type: "object", properties: { status: { const: "active" }, replay: { type: "object", properties: { requested: { type: "boolean" }, events: { type: "integer" }, skipped: { type: "integer" } } } } }, EXAMPLES.activated),
            ...tokenErrors,
            ...bodyErrors,
            "422": problem(en["api.answer.replayNotBoolean"], "UNPROCESSABLE"),
            ...notConnected,
          },
        },
      },
      "/api/v1/projects/{projectKey}/integration/deactivate": {
        parameters: [projectKey],
        post: { summary: en["api.op.post.integration.deactivate"], responses: { "200": ok({ type: "object", properties: { status: { const: "inactive" } } }, EXAMPLES.deactivated), ...tokenErrors, ...notConnected } },
      },
      "/api/v1/projects/{projectKey}/events": {
        parameters: [projectKey],
        get: {
          summary: en["api.op.get.events"],
          parameters: [
            { name: "status", in: "query", schema: { enum: [...EVENT_STATUSES] } },
            { name: "type", in: "query", schema: { enum: [...EVENT_TYPES] } },
            { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 500, default: 100 } },
          ],
          responses: { "200": ok({ type: "object", properties: { events: { type: "array", items: ref("EventSummary") } } }, EXAMPLES.events), ...tokenErrors, "400": problem(en["api.answer.badFilter"], "VALIDATION") },
        },
      },
      "/api/v1/projects/{projectKey}/events/{eventId}": {
        parameters: [projectKey, { name: "eventId", in: "path", required: true, schema: { type: "string" } }],
        get: { summary: en["api.op.get.events.eventId"], responses: { "200": ok(ref("Event"), EXAMPLES.event), ...tokenErrors, "404": problem(en["api.answer.noEvent"], "NOT_FOUND") } },
      },
      "/api/v1/projects/{projectKey}/deliveries/run": {
        parameters: [projectKey],
        post: {
          summary: en["api.op.post.deliveries.run"],
          responses: { "200": ok({ type: "object", properties: Object.fromEntries(["claimed", "delivered", "retrying", "failed", "dead", "paused", "skipped"].map((name) => [name, { type: "integer" }])) }, EXAMPLES.deliveries), ...tokenErrors },
        },
      },
      "/api/webhooks/{projectKey}/events": {
        parameters: [projectKey],
        post: {
          summary: en["api.op.post.webhooks.projectKey.events"],
          description:
            "F19, live calls: a call may be posted in phases that share its `callId` — `ringing`, `answered` (picked up, in progress) and `completed` (the default; `status` is required only then). Each phase is its own event with its own `id`; phases may arrive out of order, twice, or not at all. The matrix's `when` says at which phase a call's entities are written; the call log is written once, at completion. A phase that arrives after the call completed, or again, writes nothing.\n\nLater updates of a call: `recording` (`recordingUrl`) and `summary` (`summary`, `transcript`, `sentiment`, `tags`) name the call by its `callId` (or the `id` of a call sent without phases). The recording is attached to the call log as the call's own would be; the summary (and transcript, trimmed to the CRM's field limits with a note saying so) goes into the call's Description in Zoho, and into a note on the call's deal and person in Pipedrive (its call logs cannot be edited). Mapping rows of the call tabs naming `summary`, `sentiment` or `tags` write those into the call's deal, contact or lead. Each reaches the CRM once; one that comes before the call's log is in the CRM waits for it (the event stays `queued`, its reason says so).",
          security: [{ webhookSignature: [] }],
          requestBody: request({ oneOf: [ref("CallEvent"), ref("FormEvent"), ref("MessengerEvent"), ref("RecordingEvent"), ref("SummaryEvent")] }, EXAMPLES.callEvent),
          responses: {
            "202": ok({ type: "object", properties: { eventId: { type: "string" }, status: { enum: [...EVENT_STATUSES] } } }, EXAMPLES.stored, en["api.answer.eventStored"]),
            "200": ok({ type: "object", properties: { eventId: { type: "string" }, status: { enum: [...EVENT_STATUSES] } } }, EXAMPLES.stored, en["api.answer.storedBefore"]),
            "400": problem(en["api.answer.badEvent"], "BAD_REQUEST", "VALIDATION"),
            "401": problem(en["api.answer.badSignature"], "UNAUTHENTICATED"),
            "404": problem(en["api.answer.deletedProject"], "NOT_FOUND"),
            "413": problem(en["api.answer.eventTooLarge"], "PAYLOAD_TOO_LARGE"),
          },
        },
      },
      "/api/webhooks/{projectKey}/responsible-manager": {
        parameters: [projectKey],
        post: {
          summary: en["api.op.post.webhooks.projectKey.responsible-manager"],
          security: [{ webhookSignature: [] }],
          requestBody: request(ref("ResponsibleManagerRequest"), EXAMPLES.managerRequest),
          responses: {
            "200": ok(
              {
                type: "object",
                properties: {
                  employee: { type: "object", properties: { sip: { type: "string" }, email: { type: "string" }, name: { type: "string" } } },
                  crmUserId: { type: ["string", "null"] },
                  matched: { type: ["object", "null"], properties: { entity: { type: "string" }, id: { type: "string" } } },
                  caller: ref("CallerCard"),
                },
              },
              EXAMPLES.manager,
              en["api.answer.manager"],
            ),
            "404": ok({ type: "object", properties: { next: { const: true }, caller: ref("CallerCard") } }, EXAMPLES.next, en["api.answer.nextBlock"]),
            "400": problem(en["api.answer.badLookup"], "BAD_REQUEST", "VALIDATION"),
            "401": problem(en["api.answer.badLookupSignature"], "UNAUTHENTICATED"),
            "413": problem(en["api.answer.lookupTooLarge"], "PAYLOAD_TOO_LARGE"),
          },
        },
      },
      "/api/v1/projects/{projectKey}/api-tokens": {
        parameters: [projectKey],
        get: { summary: en["api.op.get.api-tokens"], responses: { "200": ok({ type: "object", properties: { tokens: { type: "array", items: ref("ApiToken") } } }, EXAMPLES.tokens), ...tokenErrors } },
        post: {
          summary: en["api.op.post.api-tokens"],
          requestBody: request(ref("ApiTokenRequest"), EXAMPLES.tokenRequest),
          responses: { "201": ok(ref("CreatedApiToken"), EXAMPLES.token, en["api.answer.created"]), ...tokenErrors, ...bodyErrors, "422": problem(en["api.answer.badToken"], "UNPROCESSABLE") },
        },
      },
      "/api/v1/projects/{projectKey}/api-tokens/{tokenId}": {
        parameters: [projectKey, tokenId],
        delete: { summary: en["api.op.delete.api-tokens.tokenId"], responses: { "204": { description: en["api.answer.revoked"] }, ...tokenErrors, "404": problem(en["api.answer.noToken"], "NOT_FOUND") } },
      },
      "/api/v1/projects/{projectKey}/api-tokens/{tokenId}/rotate": {
        parameters: [projectKey, tokenId],
        post: {
          summary: en["api.op.post.api-tokens.tokenId.rotate"],
          responses: { "200": ok(ref("CreatedApiToken"), EXAMPLES.token), ...tokenErrors, "404": problem(en["api.answer.noToken"], "NOT_FOUND") },
        },
      },
      "/api/health": {
        get: {
          summary: en["api.op.get.health"],
          security: [],
          responses: { "200": ok({ type: "object", properties: { ok: { const: true }, db: { const: "up" } } }, EXAMPLES.health), "503": body({ type: "object", properties: { ok: { const: false }, db: { const: "down" } } }, en["api.answer.dbDown"]) },
        },
      },
    },
    components: {
      securitySchemes: {
        projectToken: { type: "http", scheme: "bearer", description: "A project API token (created with the project, shown once)." },
        webhookSignature: {
          type: "apiKey",
          in: "header",
          name: "X-Callbridge-Signature",
          description: `v1=<hex HMAC-SHA256 of "<X-Callbridge-Timestamp>.<raw body>" with the project's webhook secret>; X-Callbridge-Timestamp (unix seconds) must be within 300 s of now. Several signatures may be sent comma-separated (while a secret is rotated). In a shell: ${SIGNING_RECIPE.join(" ; ")}`,
        },
      },
      schemas: {
        IntegrationDocument: json(documentSchema),
        IntegrationDocumentInput: json(documentInputSchema),
        IntegrationConfig: json(integrationConfigSchema),
        ActivateRequest: json(activateSchema),
        CallEvent: json(callEventSchema),
        FormEvent: json(formEventSchema),
        MessengerEvent: json(messengerEventSchema),
        CallerCard: {
          type: "object",
          description:
            "F19: what a softphone shows while it rings (routing mode crm_owner), with the CRM's own web links: Pipedrive https://<company>.pipedrive.com/person/<id>, Zoho https://crm.zoho.<dc>/crm/<org>/tab/Contacts/<id>; a sandbox CRM links to the project's sandbox viewer. Present when the caller was found in the CRM, also on a 404 next answer.",
          required: ["name", "entity", "id", "url"],
          properties: {
            name: { type: "string" },
            entity: { enum: ["contact", "organization", "deal", "lead"] },
            id: { type: "string" },
            url: { type: "string", format: "uri" },
            openDeal: { type: "object", required: ["title", "stage", "url"], properties: { title: { type: "string" }, stage: { type: "string" }, url: { type: "string", format: "uri" } } },
          },
        },
        RecordingEvent: json(recordingEventSchema),
        SummaryEvent: json(summaryEventSchema),
        ResponsibleManagerRequest: json(responsibleManagerRequestSchema),
        EventSummary: {
          type: "object",
          required: ["id", "externalId", "type", "status", "attempts", "occurredAt", "receivedAt"],
          properties: {
            id: { type: "string" },
            externalId: { type: "string", description: "The platform's event id (the lookup's own id for lookups)." },
            type: { enum: [...EVENT_TYPES] },
            status: { enum: [...EVENT_STATUSES] },
            reason: {
              type: ["string", "null"],
              description:
                "Why it failed, waits or was skipped, in English with the CRM's own words; never empty for failed and dead. Prefixes: `paused:` the CRM refused the credentials (integration broken); `quota: <daily_budget|unpaid|api_credits> until <ISO time>:` a CRM quota pause (status queued, no attempt used); `waiting:` the integration is off; `unexpected error, tried again later:` an error Callbridge did not recognise (retried with backoff); `gave up after N attempts:` retried for 3 days (dead); `stop-list:` skipped.",
            },
            attempts: { type: "integer" },
            occurredAt: { type: "string", format: "date-time" },
            receivedAt: { type: "string", format: "date-time" },
            deliveredAt: { type: ["string", "null"], format: "date-time" },
          },
        },
        Event: {
          allOf: [
            ref("EventSummary"),
            {
              type: "object",
              properties: {
                payload: { type: "object", description: "The event as stored (unknown keys moved into `variables`)." },
                nextAttemptAt: { type: ["string", "null"], format: "date-time" },
                trace: {
                  type: ["array", "null"],
                  items: { type: "object", properties: { op: { type: "string" }, detail: { type: "string" }, ok: { type: "boolean" }, id: { type: "string" }, error: { type: "string" }, at: { type: "string" } } },
                },
              },
            },
          ],
        },
        PlatformVariables: {
          type: "object",
          description:
            "The variables a mapping row (`source.type: variable`) may read, per channel; a stage rule may read any of them. Custom variables the platform sends in an event's `variables` object are read as `variables.<name>`. Any other name is refused with 422.",
          properties: Object.fromEntries(CHANNELS.map((channel) => [channel, { type: "array", items: { enum: [...PLATFORM_VARIABLES[channel]] }, default: [...PLATFORM_VARIABLES[channel]] }])),
        },
        CrmMetadata: {
          type: "object",
          properties: {
            crm: { enum: CRM_KINDS },
            fields: {
              type: "object",
              description: "Per entity (lead, contact, organization, deal): the CRM's fields. Mapping rows and default parameters take `key` as their field (a field's `label` is accepted and stored as its key); only `mappable` ones (custom text fields) are accepted.",
              additionalProperties: {
                type: "array",
                items: { type: "object", properties: { key: { type: "string" }, label: { type: "string" }, type: { type: "string" }, custom: { type: "boolean" }, mappable: { type: "boolean" }, maxLength: { type: ["integer", "null"], description: "Longer values are cut to fit, and the trace says so." } } },
              },
            },
            pipelines: {
              type: "array",
              description: "Stage rules take a pipeline's `id` as `pipelineId` and a stage's `id` as `stageId` (names are accepted and stored as ids). Zoho stages are named by Zoho's stage ids, as its pipeline settings give them.",
              items: { type: "object", properties: { id: { type: "string" }, name: { type: "string" }, isDefault: { type: "boolean" }, stages: { type: "array", items: { type: "object", properties: { id: { type: "string" }, name: { type: "string" }, order: { type: "integer" }, state: { enum: ["open", "won", "lost"] } } } } } },
            },
            users: { type: "array", description: "Employees take a user's `id` as `crmUserId` (an e-mail is accepted and stored as the id).", items: { type: "object", properties: { id: { type: "string" }, name: { type: "string" }, email: { type: "string" }, active: { type: "boolean" } } } },
          },
        },
        ApiTokenRequest: json(apiTokenSchema),
        ApiToken: {
          type: "object",
          properties: {
            id: { type: "string" },
            name: { type: "string" },
            role: { enum: ["OWNER", "ADMIN", "VIEWER"] },
            prefix: { type: "string", description: "The token's first characters, to tell tokens apart" },
            createdAt: { type: "string", format: "date-time" },
            lastUsedAt: { type: ["string", "null"], format: "date-time" },
            revokedAt: { type: ["string", "null"], format: "date-time" },
          },
        },
        CreatedApiToken: { type: "object", properties: { token: { type: "string", description: "Shown once: only its hash is stored" }, summary: ref("ApiToken") } },
        Error: json(errorSchema),
      },
    },
  };
}
