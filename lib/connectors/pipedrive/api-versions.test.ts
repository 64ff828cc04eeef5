// Every path the Pipedrive connector calls, run against the sandbox and checked against what Pipedrive
// supports: API v2 wherever it exists; v1 only for users, call logs (with recordings) and leads, which
// have no v2. v1 persons, organizations, deals, activities, pipelines and stages are out of support.
import { afterAll, beforeAll, expect, it } from "vitest";
import { openSandbox, pipedriveCredentials, recordingFetch, type SandboxHandle } from "@/testing/sandbox";
import type { PipedriveCredentials } from "../types";
import { PipedriveConnector } from "./connector";

const V1_ONLY = [/^GET \/api\/v1\/users(\/me)?$/, /^(GET|POST) \/api\/v1\/callLogs$/, /^GET \/api\/v1\/callLogs\/:id$/, /^POST \/api\/v1\/callLogs\/:id\/recordings$/, /^POST \/api\/v1\/leads$/, /^(GET|PATCH) \/api\/v1\/leads\/:id$/];

let sandbox: SandboxHandle;
let credentials: PipedriveCredentials & { auth: "api_token" };

beforeAll(async () => {
  sandbox = await openSandbox("pipedrive", "pd-versions", { record: true });
  credentials = (await pipedriveCredentials(sandbox)) as PipedriveCredentials & { auth: "api_token" };
});
afterAll(() => sandbox.server.close());

it("calls v2 wherever v2 exists, v1 only where it does not, and never puts the token in a URL", async () => {
  const sent = recordingFetch();
  const pd = new PipedriveConnector(credentials, { fetch: sent.fetch });
  await pd.testConnection();
  await pd.listUsers();
  for (const entity of ["contact", "organization", "deal", "lead", "task", "call"] as const) await pd.listFields(entity);
  await pd.listPipelines();
  const organization = await pd.create("organization", { name: "Versions Ltd" });
  const contact = await pd.create("contact", { name: "Vera Versions", phones: ["+380671110022"], emails: ["vera@example.com"], organizationId: organization.id });
  const deal = await pd.create("deal", { name: "Versions deal", contactId: contact.id });
  const lead = await pd.create("lead", { name: "Versions lead", contactId: contact.id });
  for (const [entity, id] of [["contact", contact.id], ["organization", organization.id], ["deal", deal.id], ["lead", lead.id]] as const) {
    await pd.get(entity, id);
    await pd.update(entity, id, { name: `Renamed ${entity}` });
  }
  await pd.searchByPhone("contact", ["+380671110022"]);
  await pd.searchPhoneCandidates("contact", "671110022");
  await pd.searchByEmail("contact", "vera@example.com");
  await pd.searchByField("contact", "client", "GA1.2.3");
  await pd.openDealsOfContact(contact.id);
  const task = await pd.createTask({ subject: "Call back", dueDate: "2026-11-27", links: { contactId: contact.id, dealId: deal.id }, reference: "ref-1" });
  const log = await pd.logCall({ direction: "incoming", status: "answered", fromNumber: "+380671110022", toNumber: "+380441234567", startedAt: new Date(), durationSec: 30, subject: "Call", links: { contactId: contact.id, dealId: deal.id }, reference: "ref-2" });
  await pd.findWritten("task", { subject: "Call back", reference: "ref-1", links: { contactId: contact.id } });
  await pd.findWritten("callLog", { subject: "Call", reference: "ref-2", links: {} });
  await pd.hasRecording(log.id);
  await pd.attachRecording(log.id, { kind: "file", fileName: "call.mp3", contentType: "audio/mpeg", content: new Uint8Array([0x49, 0x44, 0x33]) });
  expect(task.id).toMatch(/^\d+$/);

  const calls = new Set(
    sandbox.server.requests.map((line) => {
      const [status, method, path] = line.split(" ");
      expect(status, line).toMatch(/^2\d\d$/);
      return `${method} ${path!.replace(/^\/sandbox\/pipedrive/, "").replace(/\/(\d+|[0-9a-f]{32}|[0-9a-f-]{36})(?=\/|$)/g, "/:id")}`;
    }),
  );
  const v1 = [...calls].filter((call) => call.includes("/api/v1/"));
  expect(v1.filter((call) => !V1_ONLY.some((allowed) => allowed.test(call)))).toEqual([]);
  // The exercise above reached every kind of call: metadata, records, search, tasks, call logs, recordings.
  expect([...calls].sort()).toEqual(
    expect.arrayContaining([
      "GET /api/v2/personFields",
      "GET /api/v2/organizationFields",
      "GET /api/v2/dealFields",
      "GET /api/v2/activityFields",
      "GET /api/v2/pipelines",
      "GET /api/v2/stages",
      "POST /api/v2/persons",
      "PATCH /api/v2/deals/:id",
      "GET /api/v2/persons/search",
      "GET /api/v2/deals",
      "POST /api/v2/activities",
      "GET /api/v2/activities",
      "POST /api/v1/callLogs",
      "POST /api/v1/callLogs/:id/recordings",
      "POST /api/v1/leads",
    ]),
  );
  expect(sent.urls.filter((url) => url.includes(credentials.apiToken))).toEqual([]);
});

it("the sandbox refuses the v1 endpoints that are out of support, naming them as Pipedrive does", async () => {
  for (const path of ["/api/v1/pipelines", "/api/v1/stages", "/api/v1/persons/search"]) {
    const response = await fetch(`${credentials.apiBase}${path}`, { headers: { "x-api-token": credentials.apiToken } });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ success: false, error: `Unknown method ${path.replace("/api/", "")}.` });
  }
});
