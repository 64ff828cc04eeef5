// The integrator's whole path, from the documents alone: a project made by the CLI, one PUT with the
// connection and the configuration (names, not ids), the CRM's ids read back from crm-metadata, activate,
// signed events in, events read out. Nothing here calls the CRM's own API; Callbridge does.
import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, expect, it } from "vitest";
import { POST as runDeliveries } from "@/app/api/v1/projects/[projectKey]/deliveries/run/route";
import { GET as getEvent } from "@/app/api/v1/projects/[projectKey]/events/[eventId]/route";
import { GET as listEvents } from "@/app/api/v1/projects/[projectKey]/events/route";
import { POST as activate } from "@/app/api/v1/projects/[projectKey]/integration/activate/route";
import { GET as crmMetadata } from "@/app/api/v1/projects/[projectKey]/integration/crm-metadata/route";
import { PUT as putDocument } from "@/app/api/v1/projects/[projectKey]/integration/route";
import { POST as postEvent } from "@/app/api/webhooks/[projectKey]/events/route";
import { defaultConfig } from "@/lib/config/defaults";
import { callRoute, type RouteHandler } from "@/testing/route-call";
import { recordOf } from "@/testing/sandbox-records";
import { openSandbox, pipedriveCredentials, type SandboxHandle } from "@/testing/sandbox";

let sandbox: SandboxHandle;
beforeAll(async () => {
  sandbox = await openSandbox("pipedrive", "integrator-flow");
});
afterAll(() => sandbox.server.close());

it("a new project from the CLI is configured in one PUT, activated, and takes signed events", { timeout: 120_000 }, async () => {
  const cli = spawnSync("node_modules/.bin/tsx", ["scripts/admin.ts", "create-project", "--name", "Integrator", "--country", "UA", "--timezone", "Europe/Kyiv"], { encoding: "utf8", env: process.env, timeout: 60_000 });
  expect(cli.status, cli.stderr).toBe(0);
  const { projectKey, apiToken, webhookSecret } = JSON.parse(cli.stdout.trim().split("\n").at(-1)!) as { projectKey: string; apiToken: string; webhookSecret: string };
  const api = (handler: RouteHandler, method: string, template: string, extra: { body?: unknown; params?: Record<string, string>; query?: string } = {}) =>
    callRoute(handler, { method, template, token: apiToken, ...extra, params: { projectKey, ...extra.params } });

  // The integrator's own Pipedrive token; everything else is named as the CRM's screens show it.
  const { apiBase, apiToken: crmToken } = (await pipedriveCredentials(sandbox)) as { apiBase: string; apiToken: string };
  const config = defaultConfig();
  config.defaultFields.contact = { ...config.defaultFields.contact, utmSource: "UTM source", utmCampaign: "UTM campaign", clientId: "Client ID" };
  config.stageRules = [{ id: "ads", pipelineId: "Sales", stageId: "Demo scheduled", variable: "pool", operator: "equals", value: "Контекстна реклама" }];
  config.employees = [{ id: "olena", name: "Olena Koval", email: "olena.koval@callbridge.local", sip: "olena", crmUserId: "olena.koval@callbridge.local" }];
  const put = await api(putDocument, "put", "/api/v1/projects/{projectKey}/integration", { body: { connection: { crm: "pipedrive", auth: "api_token", apiBase, apiToken: crmToken }, config } });
  expect(put.status, put.text).toBe(200);
  const stored = put.body as { status: string; config: typeof config };
  expect(stored.status).toBe("inactive");

  // The ids the document now holds are exactly those crm-metadata lists.
  const metadata = (await api(crmMetadata, "get", "/api/v1/projects/{projectKey}/integration/crm-metadata")).body as {
    fields: Record<string, Array<{ key: string; label: string; mappable: boolean }>>;
    pipelines: Array<{ id: string; name: string; stages: Array<{ id: string; name: string }> }>;
    users: Array<{ id: string; email: string }>;
  };
  const sales = metadata.pipelines.find((pipeline) => pipeline.name === "Sales")!;
  const demo = sales.stages.find((stage) => stage.name === "Demo scheduled")!;
  expect(stored.config.stageRules[0]).toMatchObject({ pipelineId: sales.id, stageId: demo.id });
  const contactField = (label: string) => metadata.fields.contact!.find((field) => field.label === label)!;
  expect(stored.config.defaultFields.contact).toMatchObject({ utmSource: contactField("UTM source").key, clientId: contactField("Client ID").key });
  expect(contactField("Client ID").mappable).toBe(true);
  expect(stored.config.employees[0]!.crmUserId).toBe(metadata.users.find((user) => user.email === "olena.koval@callbridge.local")!.id);

  // An event before activation is stored and waits; activating with replay sends it.
  const signed = { secret: webhookSecret };
  const early = { id: "early-call", type: "call", direction: "incoming", status: "answered", startedAt: new Date().toISOString(), caller: "+380991230001", callee: "+380441234567", line: "sales-1", employee: { sip: "olena" }, pool: "Контекстна реклама", utm: { source: "google", campaign: "winter" }, clientId: "GA1.2.777" };
  expect((await callRoute(postEvent as RouteHandler, { method: "post", template: "/api/webhooks/{projectKey}/events", params: { projectKey }, body: early, signed })).status).toBe(202);
  const activated = await api(activate, "post", "/api/v1/projects/{projectKey}/integration/activate", { body: { replay: true } });
  expect(activated.body).toEqual({ status: "active", replay: { requested: true, events: 1, skipped: 0 } });
  const form = { id: "site-form-1", type: "form", submittedAt: new Date().toISOString(), formName: "Callback", fields: { name: "Iryna Bondar", phone: "+380991230002", email: "iryna@example.com" } };
  expect((await callRoute(postEvent as RouteHandler, { method: "post", template: "/api/webhooks/{projectKey}/events", params: { projectKey }, body: form, signed })).status).toBe(202);

  expect((await api(runDeliveries, "post", "/api/v1/projects/{projectKey}/deliveries/run")).status).toBe(200);
  const events = (await api(listEvents, "get", "/api/v1/projects/{projectKey}/events")).body as { events: Array<{ id: string; externalId: string; status: string }> };
  expect(events.events.map((event) => [event.externalId, event.status]).sort()).toEqual([
    ["early-call", "delivered"],
    ["site-form-1", "delivered"],
  ]);
  const call = events.events.find((event) => event.externalId === "early-call")!;
  const detail = (await api(getEvent, "get", "/api/v1/projects/{projectKey}/events/{eventId}", { params: { eventId: call.id } })).body as { trace: Array<{ op: string; detail: string; ok: boolean; id?: string }> };
  expect(detail.trace.filter((entry) => entry.op === "create").map((entry) => entry.detail)).toEqual(expect.arrayContaining(["create contact", "create deal"]));
  expect(detail.trace.every((entry) => entry.ok)).toBe(true);

  // What the CRM holds (read from the sandbox's own store): the deal in the rule's stage, the contact tagged.
  const deal = await recordOf("pipedrive", sandbox.account, "deals", detail.trace.find((entry) => entry.detail === "create deal")!.id!);
  expect(String(deal?.stage_id)).toBe(demo.id);
  const contact = await recordOf("pipedrive", sandbox.account, "persons", detail.trace.find((entry) => entry.detail === "create contact")!.id!);
  expect(contact?.custom_fields).toMatchObject({ [contactField("UTM source").key]: "google", [contactField("UTM campaign").key]: "winter", [contactField("Client ID").key]: "GA1.2.777" });
});
