// Walks every route of the OpenAPI document through its real handler, with good and bad requests, and
// checks that each answer it gets is described there: the status, the error code, and the body against
// the documented schema. Also checks every worked example against its own schema.
import Ajv2020 from "ajv/dist/2020";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// Outside Next's server there is no request scope for `after`: the lookup's after-work runs right away.
vi.mock("next/server", async (original) => ({ ...(await original<typeof import("next/server")>()), after: (task: () => unknown) => void Promise.resolve().then(task) }));
import { GET as health } from "@/app/api/health/route";
import { DELETE as revokeToken } from "@/app/api/v1/projects/[projectKey]/api-tokens/[tokenId]/route";
import { POST as rotateToken } from "@/app/api/v1/projects/[projectKey]/api-tokens/[tokenId]/rotate/route";
import { GET as listTokens, POST as createToken } from "@/app/api/v1/projects/[projectKey]/api-tokens/route";
import { POST as runDeliveries } from "@/app/api/v1/projects/[projectKey]/deliveries/run/route";
import { GET as getEvent } from "@/app/api/v1/projects/[projectKey]/events/[eventId]/route";
import { GET as listEvents } from "@/app/api/v1/projects/[projectKey]/events/route";
import { POST as activate } from "@/app/api/v1/projects/[projectKey]/integration/activate/route";
import { GET as crmMetadata } from "@/app/api/v1/projects/[projectKey]/integration/crm-metadata/route";
import { POST as deactivate } from "@/app/api/v1/projects/[projectKey]/integration/deactivate/route";
import { GET as getDocument, PUT as putDocument } from "@/app/api/v1/projects/[projectKey]/integration/route";
import { POST as postEvent } from "@/app/api/webhooks/[projectKey]/events/route";
import { POST as askManager } from "@/app/api/webhooks/[projectKey]/responsible-manager/route";
import { defaultConfig } from "@/lib/config/defaults";
import { db } from "@/lib/db/client";
import { sealCredentials } from "@/lib/connectors/sealed-credentials";
import { customKey } from "@/lib/sandbox/pipedrive/seed";
import { makeProject } from "@/testing/factories";
import { callRoute, type RouteCall, type RouteHandler } from "@/testing/route-call";
import { openSandbox, pipedriveCredentials, type SandboxHandle } from "@/testing/sandbox";
import { openApiDocument } from "./openapi";

type Operation = { requestBody?: { content: Record<string, { schema: object; example?: unknown }> }; responses: Record<string, { content?: Record<string, { schema: object; example?: unknown }> }> };

const document = openApiDocument("http://localhost");
const paths = document.paths as unknown as Record<string, Record<string, Operation>>;

// Each component is its own schema resource, so refs between components and zod's own $defs both resolve.
const BASE = "https://callbridge.invalid/components/";
const rebased = (schema: unknown) => JSON.parse(JSON.stringify(schema).replaceAll('"#/components/schemas/', `"${BASE}`)) as object;
const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
for (const [name, schema] of Object.entries(document.components.schemas)) ajv.addSchema({ ...rebased(schema), $id: `${BASE}${name}` });
const validate = (schema: object, value: unknown) => {
  const check = ajv.compile(rebased(schema));
  return check(value) ? null : ajv.errorsText(check.errors);
};

const seen = new Set<string>();
let sandbox: SandboxHandle;
let project: { projectKey: string; apiToken: string; webhookSecret: string; id: string };
let other: { projectKey: string; apiToken: string };
let unreachable: { projectKey: string; apiToken: string };
let viewerToken: string;

beforeAll(async () => {
  sandbox = await openSandbox("pipedrive", "route-walk");
  const created = await makeProject("Route walk");
  project = { ...created, id: (await db().project.findUniqueOrThrow({ where: { key: created.projectKey } })).id };
  other = await makeProject("Route walk, other");
  // Connected to an address where nothing listens: the CRM cannot be read.
  unreachable = await makeProject("Route walk, CRM down");
  const down = await db().project.findUniqueOrThrow({ where: { key: unreachable.projectKey } });
  await db().integration.create({ data: { projectId: down.id, crm: "pipedrive", status: "inactive", credentialsEncrypted: sealCredentials({ crm: "pipedrive", auth: "api_token", apiBase: "http://127.0.0.1:9", apiToken: "x".repeat(40) }, down.id) } });
});
afterAll(() => sandbox.server.close());

type Call = Omit<RouteCall, "params" | "template" | "token"> & { template: string; handler: RouteHandler; params?: Record<string, string>; token?: string | null };

/** One request through the route's handler; its answer must be described by the document. */
async function walk(call: Call): Promise<{ status: number; body: unknown }> {
  const { status, text, body } = await callRoute(call.handler, { ...call, params: { projectKey: project.projectKey, ...call.params }, token: call.token === undefined ? project.apiToken : call.token });
  const what = `${call.method.toUpperCase()} ${call.template} → ${status} ${text.slice(0, 300)}`;
  const described = paths[call.template]?.[call.method]?.responses[String(status)];
  expect(described, `${what}: not described`).toBeDefined();
  const schema = described!.content?.["application/json"]?.schema;
  if (schema) expect(validate(schema, body), what).toBeNull();
  else expect(text, `${what}: described without a body`).toBe("");
  seen.add(`${call.method} ${call.template} ${status}`);
  return { status, body };
}

const INTEGRATION = "/api/v1/projects/{projectKey}/integration";
const TOKENS = "/api/v1/projects/{projectKey}/api-tokens";
const EVENTS_HOOK = "/api/webhooks/{projectKey}/events";
const MANAGER_HOOK = "/api/webhooks/{projectKey}/responsible-manager";

describe("every route answers only what the OpenAPI document describes", () => {
  it("the config API: document, crm-metadata, activate, deactivate", async () => {
    const credentials = (await pipedriveCredentials(sandbox)) as { apiBase: string; apiToken: string };
    expect((await walk({ template: INTEGRATION, method: "get", handler: getDocument, token: null })).status).toBe(401);
    expect((await walk({ template: INTEGRATION, method: "get", handler: getDocument, token: other.apiToken })).status).toBe(403);
    expect((await walk({ template: `${INTEGRATION}/crm-metadata`, method: "get", handler: crmMetadata })).status).toBe(409);
    expect((await walk({ template: `${INTEGRATION}/activate`, method: "post", handler: activate })).status).toBe(409);
    expect((await walk({ template: `${INTEGRATION}/deactivate`, method: "post", handler: deactivate })).status).toBe(409);
    expect((await walk({ template: INTEGRATION, method: "put", handler: putDocument, raw: "{nope" })).status).toBe(400);
    expect((await walk({ template: INTEGRATION, method: "put", handler: putDocument, raw: "x".repeat(300 * 1024) })).status).toBe(413);
    expect((await walk({ template: INTEGRATION, method: "put", handler: putDocument, body: { config: { matrix: 1 } } })).status).toBe(422);
    expect((await walk({ template: INTEGRATION, method: "put", handler: putDocument, body: { connection: { crm: "pipedrive", auth: "api_token", apiBase: credentials.apiBase, apiToken: "f".repeat(40) }, config: defaultConfig() } })).status).toBe(422);

    const config = defaultConfig();
    // Routing on with Olena, who owns the sandbox's Taras Melnyk (067 123 45 67).
    config.employees = [{ id: "olena", name: "Olena Koval", email: "olena.koval@callbridge.local", sip: "olena", crmUserId: "" }];
    config.routing = { ...config.routing, enabled: true, timeoutMs: 5000 };
    config.defaultFields.contact = { ...config.defaultFields.contact, utmSource: customKey("UTM source"), clientId: "Client ID" };
    const put = await walk({ template: INTEGRATION, method: "put", handler: putDocument, body: { connection: { crm: "pipedrive", auth: "api_token", ...credentials }, config } });
    expect(put).toMatchObject({ status: 200, body: { status: "inactive", config: { defaultFields: { contact: { clientId: customKey("Client ID") } } } } });
    expect((await walk({ template: INTEGRATION, method: "get", handler: getDocument })).status).toBe(200);
    expect((await walk({ template: `${INTEGRATION}/crm-metadata`, method: "get", handler: crmMetadata })).status).toBe(200);
    expect((await walk({ template: `${INTEGRATION}/activate`, method: "post", handler: activate, body: { replay: "yes" } })).status).toBe(422);
    expect((await walk({ template: `${INTEGRATION}/activate`, method: "post", handler: activate, body: { replay: true } })).status).toBe(200);
    expect((await walk({ template: `${INTEGRATION}/deactivate`, method: "post", handler: deactivate })).status).toBe(200);
    expect((await walk({ template: `${INTEGRATION}/activate`, method: "post", handler: activate })).status).toBe(200);

    const down = { params: { projectKey: unreachable.projectKey }, token: unreachable.apiToken };
    expect((await walk({ template: `${INTEGRATION}/crm-metadata`, method: "get", handler: crmMetadata, ...down })).status).toBe(503);
    const mapped = defaultConfig();
    mapped.mappings.call.contact = [{ field: customKey("Client ID"), source: { type: "variable", name: "clientId" } }];
    expect((await walk({ template: INTEGRATION, method: "put", handler: putDocument, body: { config: mapped }, ...down })).status).toBe(503);
  });

  it("the webhooks, events and deliveries", async () => {
    const secret = { secret: project.webhookSecret };
    const call = { id: "walk-1", type: "call", direction: "incoming", status: "missed", startedAt: new Date().toISOString(), caller: "+380671234567", callee: "+380441234567", line: "sales-1" };
    expect((await walk({ template: EVENTS_HOOK, method: "post", handler: postEvent, body: call, signed: { secret: "whsec_wrong" } })).status).toBe(401);
    expect((await walk({ template: EVENTS_HOOK, method: "post", handler: postEvent, body: call, params: { projectKey: "no-such-project" }, signed: secret })).status).toBe(401);
    expect((await walk({ template: EVENTS_HOOK, method: "post", handler: postEvent, raw: "{nope", signed: secret })).status).toBe(400);
    const invalid = await walk({ template: EVENTS_HOOK, method: "post", handler: postEvent, body: { ...call, caller: "" }, signed: secret });
    expect(invalid).toMatchObject({ status: 400, body: { error: { code: "VALIDATION", issues: [{ path: "caller" }] } } });
    expect((await walk({ template: EVENTS_HOOK, method: "post", handler: postEvent, raw: JSON.stringify({ ...call, note: "x".repeat(300 * 1024) }), signed: secret })).status).toBe(413);
    const stored = await walk({ template: EVENTS_HOOK, method: "post", handler: postEvent, body: call, signed: secret });
    expect(stored.status).toBe(202);
    expect((await walk({ template: EVENTS_HOOK, method: "post", handler: postEvent, body: call, signed: secret })).status).toBe(200);

    expect((await walk({ template: MANAGER_HOOK, method: "post", handler: askManager, body: {}, signed: secret })).status).toBe(400);
    expect((await walk({ template: MANAGER_HOOK, method: "post", handler: askManager, body: { callerNumber: "+380671234567" }, signed: { secret: "whsec_wrong" } })).status).toBe(401);
    expect((await walk({ template: MANAGER_HOOK, method: "post", handler: askManager, body: { callerNumber: "+380671234567" }, signed: secret })).status).toBe(200);
    expect((await walk({ template: MANAGER_HOOK, method: "post", handler: askManager, body: { callerNumber: "+380990000001" }, signed: secret })).status).toBe(404);

    expect((await walk({ template: "/api/v1/projects/{projectKey}/events", method: "get", handler: listEvents, query: "?status=lost" })).status).toBe(400);
    expect((await walk({ template: "/api/v1/projects/{projectKey}/events", method: "get", handler: listEvents, query: "?type=call&limit=5" })).status).toBe(200);
    const eventId = (stored.body as { eventId: string }).eventId;
    expect((await walk({ template: "/api/v1/projects/{projectKey}/events/{eventId}", method: "get", handler: getEvent, params: { eventId } })).status).toBe(200);
    expect((await walk({ template: "/api/v1/projects/{projectKey}/events/{eventId}", method: "get", handler: getEvent, params: { eventId: "nope" } })).status).toBe(404);
    expect((await walk({ template: "/api/v1/projects/{projectKey}/deliveries/run", method: "post", handler: runDeliveries })).status).toBe(200);
    expect((await walk({ template: "/api/v1/projects/{projectKey}/deliveries/run", method: "post", handler: runDeliveries, token: null })).status).toBe(401);
  });

  it("API tokens and health", async () => {
    expect((await walk({ template: TOKENS, method: "post", handler: createToken, body: { name: "", role: "ROOT" } })).status).toBe(422);
    const created = await walk({ template: TOKENS, method: "post", handler: createToken, body: { name: "Walker", role: "VIEWER" } });
    expect(created.status).toBe(201);
    viewerToken = (created.body as { token: string }).token;
    expect((await walk({ template: TOKENS, method: "get", handler: listTokens, token: viewerToken })).status).toBe(403);
    expect((await walk({ template: TOKENS, method: "get", handler: listTokens })).status).toBe(200);
    const tokenId = (created.body as { summary: { id: string } }).summary.id;
    const rotated = await walk({ template: `${TOKENS}/{tokenId}/rotate`, method: "post", handler: rotateToken, params: { tokenId } });
    expect(rotated.status).toBe(200);
    expect((await walk({ template: `${TOKENS}/{tokenId}/rotate`, method: "post", handler: rotateToken, params: { tokenId } })).status).toBe(404);
    const newId = (rotated.body as { summary: { id: string } }).summary.id;
    expect((await walk({ template: `${TOKENS}/{tokenId}`, method: "delete", handler: revokeToken, params: { tokenId: newId } })).status).toBe(204);
    expect((await walk({ template: `${TOKENS}/{tokenId}`, method: "delete", handler: revokeToken, params: { tokenId: newId } })).status).toBe(404);
    const up = await health();
    expect(up.status).toBe(200);
    expect(validate(paths["/api/health"]!.get!.responses["200"]!.content!["application/json"]!.schema, await up.json())).toBeNull();
    seen.add("get /api/health 200");
  });

  it("reached every operation of the document with a successful answer", () => {
    for (const [path, operations] of Object.entries(paths)) {
      for (const method of Object.keys(operations).filter((key) => key !== "parameters")) {
        expect([...seen].some((entry) => entry.startsWith(`${method} ${path} 2`)), `${method} ${path}`).toBe(true);
      }
    }
  });
});

describe("the document's worked examples", () => {
  it("every operation has one, and each matches its schema", () => {
    for (const [path, operations] of Object.entries(paths)) {
      for (const [method, operation] of Object.entries(operations).filter(([key]) => key !== "parameters")) {
        const request = operation.requestBody?.content["application/json"];
        if (request) expect(validate(request.schema, request.example), `${method} ${path} request example`).toBeNull();
        const answers = Object.entries(operation.responses).filter(([, answer]) => answer.content?.["application/json"]?.example !== undefined);
        const successWithBody = Object.entries(operation.responses).some(([status, answer]) => status.startsWith("2") && answer.content);
        if (successWithBody) expect(answers.length, `${method} ${path} has an example answer`).toBeGreaterThan(0);
        for (const [status, answer] of answers) expect(validate(answer.content!["application/json"]!.schema, answer.content!["application/json"]!.example), `${method} ${path} ${status} example`).toBeNull();
      }
    }
  });
});
