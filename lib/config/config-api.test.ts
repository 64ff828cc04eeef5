// The REST config API through its real route handlers: authorisation matrix, round trip, and one 422
// naming every problem. The project is connected to a sandbox CRM over real HTTP.
import { createServer } from "node:http";
import net, { type AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { POST as activate } from "@/app/api/v1/projects/[projectKey]/integration/activate/route";
import { POST as deactivate } from "@/app/api/v1/projects/[projectKey]/integration/deactivate/route";
import { GET, PUT } from "@/app/api/v1/projects/[projectKey]/integration/route";
import { hashToken } from "@/lib/crypto/secrets";
import { db } from "@/lib/db/client";
import { connectWithCredentials } from "@/lib/integrations/connect";
import { customKey } from "@/lib/sandbox/pipedrive/seed";
import { makeProject } from "@/testing/factories";
import { openSandbox, pipedriveCredentials, type SandboxHandle } from "@/testing/sandbox";
import { defaultConfig } from "./defaults";

let sandbox: SandboxHandle;
let project: { projectKey: string; apiToken: string; id: string };
let other: { projectKey: string; apiToken: string };
let viewerToken: string;

const call = (handler: (request: Request, context: { params: Promise<{ projectKey: string }> }) => Promise<Response>, method: string, key: string, token?: string, body?: unknown) =>
  handler(
    new Request(`http://localhost/api/v1/projects/${key}/integration`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), "content-type": "application/json" },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    }),
    { params: Promise.resolve({ projectKey: key }) },
  );

beforeAll(async () => {
  sandbox = await openSandbox("pipedrive", "config-api");
  const created = await makeProject("Config API");
  const row = await db().project.findUniqueOrThrow({ where: { key: created.projectKey } });
  project = { ...created, id: row.id };
  other = await makeProject("Someone else");
  viewerToken = `cbt_viewer_${Date.now()}`;
  await db().apiToken.create({ data: { projectId: row.id, name: "read-only", role: "VIEWER", tokenHash: hashToken(viewerToken), prefix: viewerToken.slice(0, 8) } });
  const credentials = await pipedriveCredentials(sandbox);
  if (credentials.auth !== "api_token") throw new Error("unexpected");
  await connectWithCredentials({ id: row.id, key: row.key }, { crm: "pipedrive", auth: "api_token", apiBase: credentials.apiBase, apiToken: credentials.apiToken }, { userId: null, actor: "test" });
});
afterAll(() => sandbox.server.close());

function configWithEverything() {
  const config = defaultConfig();
  config.mappings.call.contact = [
    { field: customKey("Client ID"), source: { type: "variable", name: "clientId" } },
    { field: customKey("UTM source"), source: { type: "constant", value: "ads" } },
  ];
  config.mappings.form.deal = [{ field: customKey("Call pool"), source: { type: "form_field", names: ["pool", "source"] } }];
  config.stageRules = [{ id: "r1", pipelineId: "", stageId: "", variable: "pool", operator: "equals", value: "Контекстна реклама" }];
  config.stopList = [
    { id: "s1", kind: "sip", value: "office-101", note: "reception" },
    { id: "s2", kind: "fmc", value: "+380671234567", sipPair: "office-101", note: "" },
  ];
  config.employees = [{ id: "e1", name: "Olena Koval", email: "olena.koval@callbridge.local", sip: "olena", crmUserId: "" }];
  config.routing = { enabled: true, mode: "crm_owner", order: ["contact", "deal"], fallbackEmployeeId: "e1", timeoutMs: 800 };
  return config;
}

describe("config API authorisation", () => {
  it.each([
    ["GET", GET],
    ["PUT", PUT],
    ["POST activate", activate],
    ["POST deactivate", deactivate],
  ] as const)("%s: no token or an unknown token 401, another project's token 403", async (_name, handler) => {
    expect((await call(handler, "POST", project.projectKey)).status).toBe(401);
    expect((await call(handler, "POST", project.projectKey, "cbt_nope")).status).toBe(401);
    expect((await call(handler, "POST", project.projectKey, other.apiToken)).status).toBe(403);
  });

  it("a VIEWER token reads but cannot change anything", async () => {
    expect((await call(GET, "GET", project.projectKey, viewerToken)).status).toBe(200);
    const before = await (await call(GET, "GET", project.projectKey, viewerToken)).json();
    for (const [handler, body] of [
      [PUT, { config: defaultConfig() }],
      [activate, {}],
      [deactivate, {}],
    ] as const) {
      const response = await call(handler, "POST", project.projectKey, viewerToken, body);
      expect(response.status).toBe(403);
      expect((await response.json()).error.code).toBe("FORBIDDEN");
    }
    expect(await (await call(GET, "GET", project.projectKey, viewerToken)).json()).toEqual(before);
  });
});

describe("config API document", () => {
  it("GET shows the connection with secrets masked", async () => {
    const document = await (await call(GET, "GET", project.projectKey, project.apiToken)).json();
    expect(document).toMatchObject({ crm: "pipedrive", status: "inactive", connection: { crm: "pipedrive", apiToken: "********" }, config: defaultConfig() });
    expect(JSON.stringify(document)).not.toContain((await pipedriveCredentials(sandbox) as { apiToken: string }).apiToken);
  });

  it("GET → PUT of the same document → GET gives an identical document", async () => {
    const apiToken = ((await pipedriveCredentials(sandbox)) as { apiToken: string }).apiToken;
    const [pipeline] = ((await (await fetch(`${sandbox.server.url}/sandbox/pipedrive/api/v2/stages`, { headers: { "x-api-token": apiToken } })).json()) as { data: Array<{ id: number; pipeline_id: number }> }).data;
    const config = configWithEverything();
    config.stageRules[0] = { ...config.stageRules[0]!, pipelineId: String(pipeline!.pipeline_id), stageId: String(pipeline!.id) };
    const current = await (await call(GET, "GET", project.projectKey, project.apiToken)).json();
    const put = await call(PUT, "PUT", project.projectKey, project.apiToken, { ...current, config });
    expect(put.status).toBe(200);
    const first = await (await call(GET, "GET", project.projectKey, project.apiToken)).json();
    expect(first.config).toEqual(config);
    expect((await call(PUT, "PUT", project.projectKey, project.apiToken, first)).status).toBe(200);
    expect(await (await call(GET, "GET", project.projectKey, project.apiToken)).json()).toEqual(first);
    expect(await db().auditEntry.count({ where: { projectId: project.id, action: { startsWith: "config." } } })).toBeGreaterThanOrEqual(5);
  });

  it("one 422 names a duplicate CRM field, an unknown stage, a non-string field, an unknown variable and a malformed stop-list number, and changes nothing", async () => {
    const before = await (await call(GET, "GET", project.projectKey, project.apiToken)).json();
    const config = configWithEverything();
    config.mappings.call.deal = [
      { field: customKey("Client ID"), source: { type: "constant", value: "a" } },
      { field: customKey("Client ID"), source: { type: "constant", value: "b" } },
    ];
    config.mappings.call.contact = [
      { field: customKey("Lifetime value"), source: { type: "constant", value: "100" } },
      { field: "name", source: { type: "constant", value: "x" } },
    ];
    config.stageRules[0] = { ...config.stageRules[0]!, pipelineId: "999", stageId: "998" };
    config.stopList = [{ id: "s1", kind: "fmc", value: "not-a-number", sipPair: "office-101", note: "" }];
    config.mappings.form.contact = [{ field: customKey("UTM source"), source: { type: "variable", name: "utm_source" } }];
    const response = await call(PUT, "PUT", project.projectKey, project.apiToken, { ...before, config });
    expect(response.status).toBe(422);
    const { error } = await response.json();
    expect(error.code).toBe("UNPROCESSABLE");
    expect(error.issues).toEqual(
      expect.arrayContaining([
        { path: "config.mappings.call.deal.1.field", message: "The same CRM field is already mapped in this tab." },
        { path: "config.stopList.0.value", message: expect.stringMatching(/phone number/) },
        { path: "config.mappings.call.contact.0.field", message: "Only text fields can be mapped; this CRM field is not a text field." },
        { path: "config.stageRules.0.pipelineId", message: expect.stringMatching(/pipeline/) },
        { path: "config.mappings.call.contact.1.field", message: "System fields are filled by Callbridge itself: map custom text fields." },
        { path: "config.mappings.form.contact.0.source.name", message: "Not a variable the platform sends: choose one from the list, or variables.<name> for a custom one." },
      ]),
    );
    expect(await (await call(GET, "GET", project.projectKey, project.apiToken)).json()).toEqual(before);
  });

  it("keeps a masked secret only for the same address: a changed apiBase needs the token again, and nothing is sent to it", async () => {
    const elsewhere = createServer((request, response) => {
      received.push(`${request.method} ${request.url} ${JSON.stringify(request.headers)}`);
      response.end("{}");
    });
    const received: string[] = [];
    await new Promise<void>((resolve) => elsewhere.listen(0, "127.0.0.1", resolve));
    try {
      const current = await (await call(GET, "GET", project.projectKey, project.apiToken)).json();
      const moved = { ...current, connection: { ...current.connection, apiBase: `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}/sandbox/pipedrive` } };
      const response = await call(PUT, "PUT", project.projectKey, project.apiToken, moved);
      expect(response.status).toBe(422);
      expect((await response.json()).error.issues).toEqual([{ path: "connection.apiToken", message: expect.stringMatching(/again.*apiBase/) }]);
      expect(received).toEqual([]);
      expect(await (await call(GET, "GET", project.projectKey, project.apiToken)).json()).toEqual(current);
      // The same address with the mask keeps the token.
      expect((await call(PUT, "PUT", project.projectKey, project.apiToken, current)).status).toBe(200);
    } finally {
      elsewhere.close();
    }
  });

  it("refuses a CRM address that is not the CRM's own with 422 naming it, before sending anything", async () => {
    const current = await (await call(GET, "GET", project.projectKey, project.apiToken)).json();
    const connect = vi.spyOn(net.Socket.prototype, "connect");
    const response = await call(PUT, "PUT", project.projectKey, project.apiToken, { ...current, connection: { ...current.connection, apiBase: "https://169.254.169.254", apiToken: "a-new-token-for-another-host" } });
    expect(response.status).toBe(422);
    expect((await response.json()).error.issues).toEqual([{ path: "connection.apiBase", message: expect.stringMatching(/pipedrive\.com/) }]);
    expect(connect).not.toHaveBeenCalled();
    connect.mockRestore();
    expect(await (await call(GET, "GET", project.projectKey, project.apiToken)).json()).toEqual(current);
  });

  it("answers invalid JSON with 400 and a body without config with 422", async () => {
    const broken = await call(PUT, "PUT", project.projectKey, project.apiToken, "{not json");
    expect(broken.status).toBe(400);
    expect((await broken.json()).error.message).toMatch(/not valid JSON/);
    expect((await call(PUT, "PUT", project.projectKey, project.apiToken, { config: { matrix: {} } })).status).toBe(422);
  });

  it("configures a new project in one PUT: connection and configuration together, names turned into ids, status left inactive", async () => {
    const fresh = await makeProject("One PUT");
    const credentials = (await pipedriveCredentials(sandbox)) as { apiBase: string; apiToken: string };
    const config = configWithEverything();
    // Names as an admin reads them: the field's label, the pipeline's and stage's names, the user's e-mail.
    config.mappings.call.contact = [{ field: "Client ID", source: { type: "variable", name: "clientId" } }];
    config.stageRules[0] = { ...config.stageRules[0]!, pipelineId: "Sales", stageId: "Contact made" };
    config.employees[0] = { ...config.employees[0]!, crmUserId: "olena.koval@callbridge.local" };
    const put = await call(PUT, "PUT", fresh.projectKey, fresh.apiToken, { connection: { crm: "pipedrive", auth: "api_token", ...credentials }, config });
    expect(put.status).toBe(200);
    const document = await put.json();
    expect(document).toMatchObject({ crm: "pipedrive", status: "inactive", connection: { apiToken: "********" } });
    expect(document.config.mappings.call.contact[0].field).toBe(customKey("Client ID"));
    expect(document.config.stageRules[0]).toMatchObject({ pipelineId: expect.stringMatching(/^\d+$/), stageId: expect.stringMatching(/^\d+$/) });
    expect(document.config.employees[0].crmUserId).toMatch(/^\d+$/);
    const row = await db().project.findUniqueOrThrow({ where: { key: fresh.projectKey } });
    expect((await db().auditEntry.findMany({ where: { projectId: row.id }, select: { action: true } })).map((entry) => entry.action)).toEqual(
      expect.arrayContaining(["integration.connect", "config.mappings.update", "config.stageRules.update", "config.employees.update"]),
    );
  });

  it("a new connection whose configuration the CRM refuses is not stored either", async () => {
    const fresh = await makeProject("One PUT refused");
    const credentials = (await pipedriveCredentials(sandbox)) as { apiBase: string; apiToken: string };
    const config = configWithEverything();
    config.stageRules[0] = { ...config.stageRules[0]!, pipelineId: "Sales", stageId: "No such stage" };
    const put = await call(PUT, "PUT", fresh.projectKey, fresh.apiToken, { connection: { crm: "pipedrive", auth: "api_token", ...credentials }, config });
    expect(put.status).toBe(422);
    expect((await put.json()).error.issues).toEqual([{ path: "config.stageRules.0.stageId", message: expect.stringMatching(/stage/) }]);
    expect(await (await call(GET, "GET", fresh.projectKey, fresh.apiToken)).json()).toMatchObject({ crm: null, status: "not_connected", connection: null, config: defaultConfig() });
  });

  it("a pipeline name the CRM does not know is refused, naming the pipeline", async () => {
    const fresh = await makeProject("Ambiguous names");
    const credentials = (await pipedriveCredentials(sandbox)) as { apiBase: string; apiToken: string };
    const config = configWithEverything();
    config.stageRules[0] = { ...config.stageRules[0]!, pipelineId: "No such pipeline", stageId: "Contact made" };
    const put = await call(PUT, "PUT", fresh.projectKey, fresh.apiToken, { connection: { crm: "pipedrive", auth: "api_token", ...credentials }, config });
    expect(put.status).toBe(422);
    expect((await put.json()).error.issues).toEqual([{ path: "config.stageRules.0.pipelineId", message: expect.stringMatching(/pipeline/) }]);
  });

  it("deactivates and activates the integration", async () => {
    expect(await (await call(deactivate, "POST", project.projectKey, project.apiToken)).json()).toEqual({ status: "inactive" });
    expect((await (await call(GET, "GET", project.projectKey, project.apiToken)).json()).status).toBe("inactive");
    expect(await (await call(activate, "POST", project.projectKey, project.apiToken, { replay: true })).json()).toEqual({ status: "active", replay: { requested: true, events: 0, skipped: 0 } });
    expect((await call(activate, "POST", project.projectKey, project.apiToken, { replay: "yes" })).status).toBe(422);
  });
});
