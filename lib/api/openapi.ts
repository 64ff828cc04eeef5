// The OpenAPI 3.1 description of the REST API, generated from the same zod schemas the API validates with.
import { z } from "zod";
import { integrationConfigSchema } from "@/lib/validation/config";
import { callEventSchema, formEventSchema, messengerEventSchema } from "@/lib/events/schemas";
import { responsibleManagerRequestSchema } from "@/lib/routing/lookup";
import { activateSchema, connectionInputSchema, EVENT_STATUSES, EVENT_TYPES } from "@/lib/validation/integration";
import { apiTokenSchema } from "@/lib/validation/api-token";
import { CHANNELS, PLATFORM_VARIABLES } from "@/lib/config/vocabulary";

const json = (schema: z.ZodType) => z.toJSONSchema(schema, { target: "draft-2020-12", unrepresentable: "any", io: "input" }) as Record<string, unknown>;
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const body = (schema: object, description = "OK") => ({ description, content: { "application/json": { schema } } });

const errorSchema = z.object({
  error: z.object({
    code: z.enum(["BAD_REQUEST", "VALIDATION", "UNAUTHENTICATED", "FORBIDDEN", "NOT_FOUND", "CONFLICT", "PAYLOAD_TOO_LARGE", "UNPROCESSABLE", "RATE_LIMITED", "INTERNAL", "UNAVAILABLE"]),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});

const documentSchema = z.object({
  crm: z.enum(["zoho", "pipedrive"]).nullable().describe("Read-only."),
  status: z.enum(["active", "inactive", "broken", "not_connected"]).describe("Read-only; change it with activate / deactivate."),
  lastError: z.string().nullable().describe("Read-only."),
  account: z.record(z.string(), z.unknown()).nullable().describe("Read-only: what the last connection test saw."),
  connection: connectionInputSchema.nullable().describe('Secrets are write-only: GET shows "********"; sending that back keeps the stored secret.'),
  config: integrationConfigSchema,
});

const errors = {
  "400": body(ref("Error"), "The body is not JSON, or nests deeper than 32 levels"),
  "413": body(ref("Error"), "The body is larger than 256 KiB (read only up to the limit)"),
  "401": body(ref("Error"), "No API token, or an unknown or revoked one"),
  "403": body(ref("Error"), "The token belongs to another project, or its role is too low"),
};

export function openApiDocument(serverUrl: string) {
  const projectKey = { name: "projectKey", in: "path", required: true, schema: { type: "string" }, description: "The project's key." };
  const tokenId = { name: "tokenId", in: "path", required: true, schema: { type: "string" }, description: "The API token's id (from the list)." };
  return {
    openapi: "3.1.0",
    info: { title: "Callbridge API", version: "1", description: "Configuration of a project's CRM integration. Authenticate with a project API token: `Authorization: Bearer <token>`." },
    servers: [{ url: serverUrl }],
    security: [{ projectToken: [] }],
    paths: {
      "/api/v1/projects/{projectKey}/integration": {
        parameters: [projectKey],
        get: { summary: "The connection and the whole configuration as one document", responses: { "200": body(ref("IntegrationDocument")), ...errors } },
        put: {
          summary: "Replace the configuration (and optionally the connection); every problem is reported at once and nothing is changed on error",
          requestBody: { required: true, content: { "application/json": { schema: ref("IntegrationDocument") } } },
          responses: { "200": body(ref("IntegrationDocument")), ...errors, "422": body(ref("Error"), "The document is not valid; `issues` names every problem") },
        },
      },
      "/api/v1/projects/{projectKey}/integration/crm-metadata": {
        parameters: [projectKey],
        get: {
          summary: "The connected CRM's fields per entity, pipelines with stages, and users: the ids the configuration document takes (read live from the CRM)",
          responses: {
            "200": body(ref("CrmMetadata")),
            ...errors,
            "409": body(ref("Error"), "No CRM is connected"),
            "503": body(ref("Error"), "The CRM could not be read (unreachable, or it refused the stored credentials)"),
          },
        },
      },
      "/api/v1/projects/{projectKey}/integration/activate": {
        parameters: [projectKey],
        post: {
          summary: "Activate the integration; `replay` sends the stored events of the last 3 days that did not reach the CRM",
          requestBody: { content: { "application/json": { schema: ref("ActivateRequest") } } },
          responses: { "200": body({ type: "object", properties: { status: { const: "active" }, replay: { type: "object" } } }), ...errors, "409": body(ref("Error"), "No CRM is connected") },
        },
      },
      "/api/v1/projects/{projectKey}/integration/deactivate": {
        parameters: [projectKey],
        post: { summary: "Deactivate the integration (events keep being stored)", responses: { "200": body({ type: "object", properties: { status: { const: "inactive" } } }), ...errors } },
      },
      "/api/v1/projects/{projectKey}/events": {
        parameters: [projectKey],
        get: {
          summary: "Stored events and responsible-manager lookups, newest first",
          parameters: [
            { name: "status", in: "query", schema: { enum: [...EVENT_STATUSES] } },
            { name: "type", in: "query", schema: { enum: [...EVENT_TYPES] } },
            { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 500, default: 100 } },
          ],
          responses: { "200": body({ type: "object", properties: { events: { type: "array", items: ref("EventSummary") } } }), ...errors },
        },
      },
      "/api/v1/projects/{projectKey}/events/{eventId}": {
        parameters: [projectKey, { name: "eventId", in: "path", required: true, schema: { type: "string" } }],
        get: { summary: "One event with its payload and the trace of every CRM operation it caused", responses: { "200": body(ref("EventSummary")), ...errors, "404": body(ref("Error"), "No such event in this project") } },
      },
      "/api/v1/projects/{projectKey}/deliveries/run": {
        parameters: [projectKey],
        post: { summary: "Drain this project's due deliveries now", responses: { "200": body({ type: "object", properties: Object.fromEntries(["claimed", "delivered", "retrying", "failed", "dead", "paused"].map((name) => [name, { type: "integer" }])) }), ...errors } },
      },
      "/api/webhooks/{projectKey}/events": {
        parameters: [projectKey],
        post: {
          summary: "A platform event (call, form or messenger chat); stored once per event id before the answer",
          security: [{ webhookSignature: [] }],
          requestBody: { required: true, content: { "application/json": { schema: { oneOf: [ref("CallEvent"), ref("FormEvent"), ref("MessengerEvent")] } } } },
          responses: {
            "202": body({ type: "object", properties: { eventId: { type: "string" }, status: { enum: [...EVENT_STATUSES] } } }, "Stored (queued, or skipped by the stop-list)"),
            "200": body({ type: "object" }, "This event id was stored before; the stored answer"),
            "400": body(ref("Error"), "Not JSON, JSON nested deeper than 32 levels, or not a valid event; `issues` names every problem"),
            "401": body(ref("Error"), "Missing, stale or wrong signature — also for an unknown project key, which is answered exactly like a wrong signature"),
            "413": body(ref("Error"), "Larger than 256 KiB (the body is read only up to the limit)"),
          },
        },
      },
      "/api/webhooks/{projectKey}/responsible-manager": {
        parameters: [projectKey],
        post: {
          summary: "Who should take a ringing call; always answered within the project's time budget",
          security: [{ webhookSignature: [] }],
          requestBody: { required: true, content: { "application/json": { schema: ref("ResponsibleManagerRequest") } } },
          responses: {
            "200": body({ type: "object", properties: { employee: { type: "object", properties: { sip: { type: "string" }, email: { type: "string" }, name: { type: "string" } } }, crmUserId: { type: ["string", "null"] }, matched: { type: ["object", "null"], properties: { entity: { type: "string" }, id: { type: "string" } } } } }, "The responsible manager"),
            "404": body({ type: "object", properties: { next: { const: true } } }, "Nobody found, the owner is not an employee, or the budget ran out: go to the next block"),
            "400": body(ref("Error"), "Not JSON, or no callerNumber"),
            "401": body(ref("Error"), "Missing, stale or wrong signature"),
          },
        },
      },
      "/api/v1/projects/{projectKey}/api-tokens": {
        parameters: [projectKey],
        get: { summary: "The project's API tokens (name, role, first characters, use) — never the tokens themselves", responses: { "200": body({ type: "object", properties: { tokens: { type: "array", items: ref("ApiToken") } } }), ...errors } },
        post: {
          summary: "Create a token: VIEWER reads, ADMIN changes. The token is in this answer only; store it now",
          requestBody: { required: true, content: { "application/json": { schema: ref("ApiTokenRequest") } } },
          responses: { "201": body(ref("CreatedApiToken")), ...errors, "422": body(ref("Error"), "A missing name or an unknown role; `issues` names each") },
        },
      },
      "/api/v1/projects/{projectKey}/api-tokens/{tokenId}": {
        parameters: [projectKey, tokenId],
        delete: { summary: "Revoke the token: it stops working at once", responses: { "204": { description: "Revoked" }, ...errors, "404": body(ref("Error"), "No live token with this id in this project") } },
      },
      "/api/v1/projects/{projectKey}/api-tokens/{tokenId}/rotate": {
        parameters: [projectKey, tokenId],
        post: {
          summary: "Replace the token with a new one of the same name and role (in this answer only); the old one stops working at once",
          responses: { "200": body(ref("CreatedApiToken")), ...errors, "404": body(ref("Error"), "No live token with this id in this project") },
        },
      },
      "/api/health": {
        get: { summary: "Liveness and database check", security: [], responses: { "200": body({ type: "object", properties: { ok: { const: true }, db: { const: "up" } } }), "503": body({ type: "object" }, "The database is down") } },
      },
    },
    components: {
      securitySchemes: {
        projectToken: { type: "http", scheme: "bearer", description: "A project API token (created with the project, shown once)." },
        webhookSignature: {
          type: "apiKey",
          in: "header",
          name: "X-Callbridge-Signature",
          description: "v1=<hex HMAC-SHA256 of \"<X-Callbridge-Timestamp>.<raw body>\" with the project's webhook secret>; X-Callbridge-Timestamp (unix seconds) must be within 300 s of now.",
        },
      },
      schemas: {
        IntegrationDocument: json(documentSchema),
        IntegrationConfig: json(integrationConfigSchema),
        ActivateRequest: json(activateSchema),
        CallEvent: json(callEventSchema),
        FormEvent: json(formEventSchema),
        MessengerEvent: json(messengerEventSchema),
        ResponsibleManagerRequest: json(responsibleManagerRequestSchema),
        EventSummary: {
          type: "object",
          properties: {
            id: { type: "string" },
            externalId: { type: "string" },
            type: { enum: [...EVENT_TYPES] },
            status: { enum: [...EVENT_STATUSES] },
            reason: { type: ["string", "null"] },
            attempts: { type: "integer" },
            trace: { type: "array", items: { type: "object", properties: { op: { type: "string" }, detail: { type: "string" }, ok: { type: "boolean" }, id: { type: "string" }, error: { type: "string" }, at: { type: "string" } } } },
          },
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
            crm: { enum: ["zoho", "pipedrive"] },
            fields: {
              type: "object",
              description: "Per entity (lead, contact, organization, deal): the CRM's fields. Mapping rows take `key` as their `field`; only `mappable` ones (custom text fields) are accepted.",
              additionalProperties: {
                type: "array",
                items: { type: "object", properties: { key: { type: "string" }, label: { type: "string" }, type: { type: "string" }, custom: { type: "boolean" }, mappable: { type: "boolean" }, maxLength: { type: ["integer", "null"], description: "Longer values are cut to fit, and the trace says so." } } },
              },
            },
            pipelines: {
              type: "array",
              description: "Stage rules take a pipeline's `id` as `pipelineId` and a stage's `id` as `stageId`.",
              items: { type: "object", properties: { id: { type: "string" }, name: { type: "string" }, isDefault: { type: "boolean" }, stages: { type: "array", items: { type: "object", properties: { id: { type: "string" }, name: { type: "string" }, order: { type: "integer" }, state: { enum: ["open", "won", "lost"] } } } } } },
            },
            users: { type: "array", description: "Employees take a user's `id` as `crmUserId`.", items: { type: "object", properties: { id: { type: "string" }, name: { type: "string" }, email: { type: "string" }, active: { type: "boolean" } } } },
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
