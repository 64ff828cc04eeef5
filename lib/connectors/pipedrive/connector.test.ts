// Contract tests: the Pipedrive connector over real HTTP against the Pipedrive sandbox.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuthError, PermanentError, RetryableError } from "@/lib/errors";
import { customKey } from "@/lib/sandbox/pipedrive/seed";
import { openSandbox, pipedriveCredentials, recordingFetch, type SandboxHandle } from "@/testing/sandbox";
import { filesOf, recordOf } from "@/testing/sandbox-records";
import type { PipedriveCredentials } from "../types";
import { PipedriveConnector } from "./connector";

let sandbox: SandboxHandle;
let credentials: PipedriveCredentials;
const connector = (options: ConstructorParameters<typeof PipedriveConnector>[1] = {}) => new PipedriveConnector(credentials, options);
const CLIENT_ID = customKey("Client ID");

beforeAll(async () => {
  sandbox = await openSandbox("pipedrive", "pd-contract");
  credentials = await pipedriveCredentials(sandbox);
});
afterAll(() => sandbox.server.close());

describe("Pipedrive connector: account metadata", () => {
  it("tests the connection and shows the company and user", async () => {
    expect(await connector().testConnection()).toEqual({
      crm: "pipedrive",
      accountName: "Callbridge Demo Sales",
      userName: "Olena Koval",
      userEmail: "olena.koval@callbridge.local",
      apiBase: credentials.apiBase,
      concurrency: 15,
    });
  });

  it("lists users, fields (string custom fields flagged) and pipelines with stages", async () => {
    const pd = connector();
    expect((await pd.listUsers()).map((user) => user.email)).toEqual(["olena.koval@callbridge.local", "marek.nowak@callbridge.local", "iryna.bondar@callbridge.local"]);
    const fields = new Map((await pd.listFields("contact")).map((field) => [field.label, field]));
    expect(fields.get("Client ID")).toMatchObject({ key: CLIENT_ID, custom: true, isString: true, type: "varchar" });
    expect(fields.get("Notes from call")).toMatchObject({ custom: true, isString: true, type: "text" });
    expect(fields.get("Lifetime value")).toMatchObject({ custom: true, isString: false, type: "monetary" });
    expect(fields.get("Name")).toMatchObject({ key: "name", custom: false });
    expect(fields.get("Person created")).toMatchObject({ readOnly: true });
    expect((await pd.listFields("lead")).map((field) => field.label)).toContain("Call pool");
    expect(await pd.listFields("call")).toEqual([]);
    const pipelines = await pd.listPipelines();
    expect(pipelines.map((pipeline) => [pipeline.name, pipeline.isDefault, pipeline.stages.length])).toEqual([
      ["Sales", true, 5],
      ["Partnerships", false, 3],
    ]);
    expect(pipelines[0]!.stages[0]).toMatchObject({ name: "Lead in", order: 1, state: "open" });
  });
});

describe("Pipedrive connector: search", () => {
  it("finds a person stored in a local format only by the matching digits (exact_match)", async () => {
    const pd = connector();
    expect(await pd.searchByPhone("contact", ["+380671234567", "380671234567"])).toEqual([]);
    const [taras] = await pd.searchByPhone("contact", ["+380671234567", "0671234567"]);
    expect(taras).toMatchObject({ kind: "contact", name: "Taras Melnyk", phones: ["067 123 45 67"], emails: ["taras.melnyk@example.com"], ownerId: "13000001" });
    expect(taras!.organizationId).toMatch(/^\d+$/);
    expect((await pd.searchByPhone("contact", ["(050) 555 12 34"]))[0]?.name).toBe("Oksana Hrytsenko");
    // Only persons carry phones in Pipedrive: deals are found through their person.
    expect(await pd.searchByPhone("deal", ["0671234567"])).toEqual([]);
  });

  it("one non-exact search on the national digits finds a number in any stored format", async () => {
    const pd = connector();
    expect((await pd.searchPhoneCandidates("contact", "671234567")).map((record) => record.name)).toEqual(["Taras Melnyk"]);
    expect((await pd.searchPhoneCandidates("contact", "931112233")).map((record) => record.name)).toEqual(["Nadiia Shevchuk"]);
    expect(await pd.searchPhoneCandidates("deal", "671234567")).toEqual([]);
  });

  it("finds by e-mail and by a custom field value", async () => {
    const pd = connector();
    expect((await pd.searchByEmail("contact", "taras.melnyk@example.com"))[0]?.name).toBe("Taras Melnyk");
    expect(await pd.searchByEmail("contact", "nobody@example.com")).toEqual([]);
    const { id } = await pd.create("contact", { name: "With client id", fields: { [CLIENT_ID]: "GA1.2.98765" } });
    expect((await pd.searchByField("contact", CLIENT_ID, "GA1.2.98765")).map((record) => record.id)).toEqual([id]);
  });
});

describe("Pipedrive connector: records", () => {
  it("creates, reads and updates persons, organizations, deals and leads with their links", async () => {
    const pd = connector();
    const users = await pd.listUsers();
    const [sales] = await pd.listPipelines();
    const org = await pd.create("organization", { name: "Lviv Coffee", ownerId: users[1]!.id });
    const person = await pd.create("contact", { name: "Ivan Franko", phones: ["+380501112233", "0441234567"], emails: ["ivan@example.com"], organizationId: org.id, ownerId: users[1]!.id });
    const deal = await pd.create("deal", { name: "Coffee beans", contactId: person.id, organizationId: org.id, pipelineId: sales!.id, stageId: sales!.stages[2]!.id, ownerId: users[2]!.id, fields: { [customKey("UTM source")]: "google" } });
    const lead = await pd.create("lead", { name: "Lead for Ivan", contactId: person.id, fields: { [customKey("Call pool")]: "Ads" } });

    expect(await pd.get("organization", org.id)).toMatchObject({ name: "Lviv Coffee", ownerId: users[1]!.id });
    expect(await pd.get("contact", person.id)).toMatchObject({ name: "Ivan Franko", phones: ["+380501112233", "0441234567"], emails: ["ivan@example.com"], organizationId: org.id });
    expect(await pd.get("deal", deal.id)).toMatchObject({ name: "Coffee beans", contactId: person.id, organizationId: org.id, pipelineId: sales!.id, stageId: sales!.stages[2]!.id, open: true, fields: expect.objectContaining({ [customKey("UTM source")]: "google" }) });
    expect(await pd.get("lead", lead.id)).toMatchObject({ name: "Lead for Ivan", contactId: person.id, open: true, fields: expect.objectContaining({ [customKey("Call pool")]: "Ads" }) });

    await pd.update("contact", person.id, { emails: ["ivan.franko@example.com"] });
    expect(await pd.get("contact", person.id)).toMatchObject({ emails: ["ivan.franko@example.com"], phones: ["+380501112233", "0441234567"] });
  });

  it("answers an unknown id with null and refuses to update it", async () => {
    const pd = connector();
    expect(await pd.get("contact", "999999")).toBeNull();
    expect(await pd.get("lead", "00000000-0000-0000-0000-000000000000")).toBeNull();
    await expect(pd.update("contact", "999999", { name: "Ghost" })).rejects.toBeInstanceOf(PermanentError);
  });

  it("lists only the open deals of a person", async () => {
    const pd = connector();
    const person = await pd.create("contact", { name: "Deal Owner" });
    const open = await pd.create("deal", { name: "Open one", contactId: person.id });
    const won = await pd.create("deal", { name: "Won one", contactId: person.id });
    const { db } = await import("@/lib/db/client");
    const account = await db().sandboxAccount.findUniqueOrThrow({ where: { crm_name: { crm: "pipedrive", name: sandbox.account } } });
    const row = await db().sandboxRecord.findUniqueOrThrow({ where: { accountId_module_id: { accountId: account.id, module: "deals", id: won.id } } });
    await db().sandboxRecord.update({ where: { accountId_module_id: { accountId: account.id, module: "deals", id: won.id } }, data: { data: { ...(row.data as object), status: "won" } } });
    expect((await pd.openDealsOfContact(person.id)).map((deal) => deal.id)).toEqual([open.id]);
  });

  it("raises a permanent error with Pipedrive's message for invalid data", async () => {
    const pd = connector();
    await expect(pd.create("contact", { phones: ["0501234567"] })).rejects.toThrow(/name: Parameter is required/);
    await expect(pd.create("deal", { name: "Bad stage", stageId: "999999" })).rejects.toThrow(/stage_id: stage not found/);
    await expect(pd.create("contact", { name: "Typed", fields: { [customKey("Lifetime value")]: "a lot" } })).rejects.toThrow(/Lifetime value: a number is expected/);
  });

  it("creates a task and logs a call with a recording; a second recording is ignored (409)", async () => {
    const pd = connector();
    const person = await pd.create("contact", { name: "Caller One", phones: ["0501234567"] });
    const deal = await pd.create("deal", { name: "Caller deal", contactId: person.id });
    const task = await pd.createTask({ subject: "Call back", dueDate: "2026-11-23", ownerId: "13000002", links: { contactId: person.id, dealId: deal.id } });
    expect(await recordOf("pipedrive", sandbox.account, "activities", task.id)).toMatchObject({ type: "task", due_date: "2026-11-23", owner_id: 13000002, person_id: Number(person.id), deal_id: Number(deal.id), done: false });
    const call = await pd.logCall({
      direction: "outgoing",
      status: "missed",
      fromNumber: "+380441234567",
      toNumber: "+380501234567",
      startedAt: new Date("2026-11-21T10:00:00Z"),
      durationSec: 0,
      subject: "Outgoing call",
      ownerId: "13000003",
      links: { contactId: person.id, dealId: deal.id },
    });
    expect(await recordOf("pipedrive", sandbox.account, "callLogs", call.id)).toMatchObject({
      outcome: "no_answer",
      start_time: "2026-11-21 10:00:00",
      end_time: "2026-11-21 10:00:00",
      user_id: 13000003,
      person_id: Number(person.id),
      deal_id: Number(deal.id),
    });
    await pd.attachRecording(call.id, { kind: "file", fileName: "call.mp3", contentType: "audio/mpeg", content: new Uint8Array([1, 2, 3, 4]) });
    await pd.attachRecording(call.id, { kind: "file", fileName: "again.mp3", contentType: "audio/mpeg", content: new Uint8Array([5]) });
    expect((await filesOf("pipedrive", sandbox.account, call.id)).map((file) => [file.fileName, file.size])).toEqual([["call.mp3", 4]]);
    expect(await recordOf("pipedrive", sandbox.account, "callLogs", call.id)).toMatchObject({ has_recording: true });
  });

  it("downloads a recording given as a link (through the egress policy), since Pipedrive stores files only", async () => {
    const pd = connector();
    const call = await pd.logCall({ direction: "incoming", status: "answered", fromNumber: "0501", toNumber: "0442", startedAt: new Date(), durationSec: 5, subject: "Short", links: {} });
    const link = `${sandbox.server.url}/sandbox/pipedrive/recordings/rec-42.mp3`;
    const sample = new Uint8Array(await (await fetch(link)).arrayBuffer());
    await pd.attachRecording(call.id, { kind: "link", url: link });
    expect((await filesOf("pipedrive", sandbox.account, call.id)).map((file) => [file.fileName, file.size])).toEqual([["rec-42.mp3", sample.byteLength]]);
  });
});

describe("Pipedrive connector: auth and errors", () => {
  it("a revoked API token is an AuthError at once (there is nothing to refresh)", async () => {
    const isolated = await openSandbox("pipedrive", "pd-revoked");
    try {
      const pd = new PipedriveConnector(await pipedriveCredentials(isolated));
      await pd.listUsers();
      await isolated.control({ revokeTokens: true });
      await expect(pd.listUsers()).rejects.toBeInstanceOf(AuthError);
    } finally {
      await isolated.server.close();
    }
  });

  it("OAuth: refreshes an expired access token, then after revocation makes exactly one refresh attempt and raises AuthError", async () => {
    const isolated = await openSandbox("pipedrive", "pd-oauth");
    try {
      const recorder = recordingFetch();
      const changes: unknown[] = [];
      const pd = new PipedriveConnector(await pipedriveCredentials(isolated, "oauth"), { fetch: recorder.fetch, onCredentialsChange: (next) => void changes.push(next) });
      expect((await pd.listUsers()).length).toBe(3);
      expect(changes).toHaveLength(1);
      await pd.listUsers();
      expect(recorder.urls.filter((url) => url.endsWith("/oauth/token"))).toHaveLength(1);

      await isolated.control({ revokeTokens: true });
      await expect(pd.listUsers()).rejects.toBeInstanceOf(AuthError);
      expect(recorder.urls.filter((url) => url.endsWith("/oauth/token"))).toHaveLength(2);
    } finally {
      await isolated.server.close();
    }
  });

  it("429 is retryable with the reset time from Pipedrive's rate-limit headers; 5xx and timeouts are retryable", async () => {
    const isolated = await openSandbox("pipedrive", "pd-faults");
    try {
      const pd = new PipedriveConnector(await pipedriveCredentials(isolated), { timeoutMs: 300 });
      await isolated.control({ burst429: 1 });
      const busy = (await pd.listUsers().catch((error: unknown) => error)) as RetryableError;
      expect(busy).toBeInstanceOf(RetryableError);
      expect(busy.details.status).toBe(429);
      expect(busy.retryAfterMs).toBeGreaterThanOrEqual(1_000);
      expect(busy.retryAfterMs).toBeLessThanOrEqual(2_000);

      await isolated.control({ errorRate: 1 });
      await expect(pd.listUsers()).rejects.toBeInstanceOf(RetryableError);
      await isolated.control({ errorRate: 0, latencyMs: 1_000 });
      await expect(pd.listUsers()).rejects.toThrow(/no answer within 300 ms/);
    } finally {
      await isolated.server.close();
    }
  });

  it("the search burst limit: 12 searches at once all succeed — the connector keeps to 10 per 2 s, so Pipedrive never refuses", async () => {
    const isolated = await openSandbox("pipedrive", "pd-burst", { record: true });
    try {
      const pd = new PipedriveConnector(await pipedriveCredentials(isolated));
      const started = Date.now();
      const results = await Promise.all(Array.from({ length: 12 }, () => pd.searchByEmail("contact", "taras.melnyk@example.com")));
      expect(results.every((found) => found.length === 1)).toBe(true);
      expect(isolated.server.requests.filter((line) => line.includes("/search"))).toHaveLength(12);
      expect(isolated.server.requests.filter((line) => line.startsWith("429 "))).toEqual([]);
      // The 11th and 12th waited for the next window.
      expect(Date.now() - started).toBeGreaterThanOrEqual(1_900);
    } finally {
      await isolated.server.close();
    }
  });

  it("_control changes only the faults it names", async () => {
    const isolated = await openSandbox("pipedrive", "pd-control");
    try {
      await isolated.control({ burstLimit: 480 });
      await isolated.control({ latencyMs: 5 });
      expect((await isolated.describe()) as unknown).toMatchObject({ faults: { burstLimit: 480, latencyMs: 5, searchBurstLimit: 10 } });
    } finally {
      await isolated.server.close();
    }
  });
});
