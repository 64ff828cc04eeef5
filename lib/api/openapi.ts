// The OpenAPI 3.1 description of the REST API, generated from the same zod schemas the API validates with.
import { z } from "zod";
import { integrationConfigSchema } from "@/lib/validation/config";
import { activateSchema, connectionInputSchema } from "@/lib/validation/integration";

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
  "400": body(ref("Error"), "The body is not JSON"),
  "401": body(ref("Error"), "No API token, or an unknown or revoked one"),
  "403": body(ref("Error"), "The token belongs to another project, or its role is too low"),
};

export function openApiDocument(serverUrl: string) {
  const projectKey = { name: "projectKey", in: "path", required: true, schema: { type: "string" }, description: "The project's key." };
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
      "/api/health": {
        get: { summary: "Liveness and database check", security: [], responses: { "200": body({ type: "object", properties: { ok: { const: true }, db: { const: "up" } } }), "503": body({ type: "object" }, "The database is down") } },
      },
    },
    components: {
      securitySchemes: { projectToken: { type: "http", scheme: "bearer", description: "A project API token (created with the project, shown once)." } },
      schemas: {
        IntegrationDocument: json(documentSchema),
        IntegrationConfig: json(integrationConfigSchema),
        ActivateRequest: json(activateSchema),
        Error: json(errorSchema),
      },
    },
  };
}
