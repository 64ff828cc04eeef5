// Contract tests: the Zoho connector over real HTTP against the Zoho sandbox, every operation and error path.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuthError, PermanentError, RetryableError } from "@/lib/errors";
import { openSandbox, openSandboxAt, recordingFetch, zohoCredentials, type SandboxHandle } from "@/testing/sandbox";
import type { ZohoCredentials } from "../types";
import { ZohoConnector } from "./connector";
import { zohoConcurrency } from "./editions";

let sandbox: SandboxHandle;
let credentials: ZohoCredentials;
const connector = (options: ConstructorParameters<typeof ZohoConnector>[1] = {}) => new ZohoConnector(credentials, options);

beforeAll(async () => {
  sandbox = await openSandbox("zoho", "zoho-contract");
  credentials = await zohoCredentials(sandbox);
});
afterAll(() => sandbox.server.close());

describe("Zoho connector: account metadata", () => {
  it("tests the connection and shows the account, user and edition", async () => {
    expect(await connector().testConnection()).toEqual({
      crm: "zoho",
      accountName: "Callbridge Demo Sales",
      userName: "Olena Koval",
      userEmail: "olena.koval@callbridge.local",
      apiBase: credentials.apiDomain,
      edition: "enterprise",
      concurrency: 20,
    });
  });

  it("keeps to the edition's concurrent-call limit (10 when unknown)", () => {
    expect([zohoConcurrency("free"), zohoConcurrency("Professional"), zohoConcurrency("enterprise"), zohoConcurrency("Zoho One"), zohoConcurrency("CRM Plus"), zohoConcurrency(undefined)]).toEqual([5, 15, 20, 20, 25, 10]);
  });

  it("lists active users with lower-case e-mails", async () => {
    const users = await connector().listUsers();
    expect(users.map((user) => user.email)).toEqual(["olena.koval@callbridge.local", "marek.nowak@callbridge.local", "iryna.bondar@callbridge.local"]);
    expect(users.every((user) => user.active && /^\d+$/.test(user.id))).toBe(true);
  });

  it("lists fields with types, flagging only text fields as strings", async () => {
    const fields = await connector().listFields("contact");
    const byKey = new Map(fields.map((field) => [field.key, field]));
    expect(byKey.get("Client_ID")).toMatchObject({ custom: true, isString: true, type: "text" });
    expect(byKey.get("Loyalty_Points")).toMatchObject({ custom: true, isString: false, type: "integer" });
    expect(byKey.get("Preferred_Channel")).toMatchObject({ custom: true, isString: false, type: "picklist" });
    expect(byKey.get("Phone")).toMatchObject({ custom: false, isString: false, type: "phone" });
    expect((await connector().listFields("call")).map((field) => field.key)).toContain("Call_Duration");
  });

  it("lists pipelines with open and closed stages", async () => {
    const pipelines = await connector().listPipelines();
    expect(pipelines.map((pipeline) => [pipeline.name, pipeline.isDefault])).toEqual([
      ["Default", true],
      ["Partners", false],
    ]);
    const states = Object.fromEntries(pipelines[0]!.stages.map((stage) => [stage.name, stage.state]));
    expect(states).toMatchObject({ Qualification: "open", "Identify Decision Makers": "open", "Closed Won": "won", "Closed Lost": "lost" });
    // Stages are named by Zoho's own stage ids, as the pipeline settings give them; names are labels.
    for (const stage of pipelines.flatMap((pipeline) => pipeline.stages)) expect(stage.id).toMatch(/^\d+$/);
  });

  it("writes a deal's stage id as Zoho's Stage value and reads it back as the id", async () => {
    const zoho = connector();
    const [pipeline] = await zoho.listPipelines();
    const stage = pipeline!.stages.find((candidate) => candidate.name === "Needs Analysis")!;
    const contact = await zoho.create("contact", { name: "Stage Reader" });
    const deal = await zoho.create("deal", { name: "By id", contactId: contact.id, pipelineId: pipeline!.id, stageId: stage.id });
    const read = await zoho.get("deal", deal.id);
    expect(read).toMatchObject({ stageId: stage.id, pipelineId: pipeline!.id, open: true });
    expect(read!.fields.Stage).toBe("Needs Analysis");
  });
});

describe("Zoho connector: search", () => {
  it("finds a contact stored in a local format only by the matching digits, like Zoho", async () => {
    const zoho = connector();
    expect(await zoho.searchByPhone("contact", ["+380671234567"])).toEqual([]);
    expect(await zoho.searchByPhone("contact", ["380671234567"])).toEqual([]);
    const [taras] = await zoho.searchByPhone("contact", ["+380671234567", "380671234567", "0671234567"]);
    expect(taras).toMatchObject({ kind: "contact", name: "Taras Melnyk", phones: ["067 123 45 67"], emails: ["taras.melnyk@example.com"] });
    expect(taras!.ownerId).toMatch(/^\d+$/);
    expect(taras!.organizationId).toMatch(/^\d+$/);
    // Formatting in the search value is stripped; the Mobile field is searched too.
    expect((await zoho.searchByPhone("contact", ["050-555-12-34"]))[0]?.name).toBe("Oksana Hrytsenko");
  });

  it("one 'contains' search on the national digits finds a number in any stored format (Phone and Mobile)", async () => {
    const zoho = connector();
    expect((await zoho.searchPhoneCandidates("contact", "671234567")).map((record) => record.name)).toEqual(["Taras Melnyk"]);
    expect((await zoho.searchPhoneCandidates("contact", "505551234")).map((record) => record.name)).toEqual(["Oksana Hrytsenko"]);
    expect(await zoho.searchPhoneCandidates("contact", "999999999")).toEqual([]);
  });

  it("answers no match (Zoho's 204) as an empty list, and finds by e-mail and by a custom field", async () => {
    const zoho = connector();
    expect(await zoho.searchByEmail("contact", "nobody@example.com")).toEqual([]);
    expect((await zoho.searchByEmail("contact", "TARAS.MELNYK@example.com"))[0]?.name).toBe("Taras Melnyk");
    const { id } = await zoho.create("contact", { name: "Client Id Person", fields: { Client_ID: "GA1.2.333(4)" } });
    expect((await zoho.searchByField("contact", "Client_ID", "GA1.2.333(4)")).map((record) => record.id)).toEqual([id]);
  });

  it("does not return converted leads from search", async () => {
    const zoho = connector();
    const { id } = await zoho.create("lead", { name: "Converted Lead", phones: ["0931234000"] });
    expect((await zoho.searchByPhone("lead", ["0931234000"])).map((record) => record.converted)).toEqual([false]);
    const { markConverted } = await import("@/testing/sandbox-records");
    await markConverted(sandbox.account, id);
    expect(await zoho.searchByPhone("lead", ["0931234000"])).toEqual([]);
  });
});

describe("Zoho connector: records", () => {
  it("creates, reads and updates leads, contacts, organizations and deals with their links", async () => {
    const zoho = connector();
    const users = await zoho.listUsers();
    const org = await zoho.create("organization", { name: "Lviv Coffee", phones: ["032 222 33 44"], ownerId: users[1]!.id });
    const contact = await zoho.create("contact", { firstName: "Ivan", lastName: "Franko", phones: ["+380501112233"], emails: ["ivan@example.com"], organizationId: org.id, fields: { UTM_Source: "google" } });
    const [pipeline] = await zoho.listPipelines();
    const stageId = pipeline!.stages.find((stage) => stage.name === "Identify Decision Makers")!.id;
    const deal = await zoho.create("deal", { name: "Coffee beans", contactId: contact.id, organizationId: org.id, pipelineId: pipeline!.id, stageId, ownerId: users[2]!.id });
    const lead = await zoho.create("lead", { name: "Solo Lead", phones: ["0671110000"] });

    expect(await zoho.get("organization", org.id)).toMatchObject({ name: "Lviv Coffee", ownerId: users[1]!.id, phones: ["032 222 33 44"] });
    expect(await zoho.get("contact", contact.id)).toMatchObject({ name: "Ivan Franko", organizationId: org.id, fields: expect.objectContaining({ UTM_Source: "google" }) });
    expect(await zoho.get("deal", deal.id)).toMatchObject({ name: "Coffee beans", contactId: contact.id, organizationId: org.id, pipelineId: pipeline!.id, stageId, open: true, ownerId: users[2]!.id });
    expect(await zoho.get("lead", lead.id)).toMatchObject({ name: "Solo Lead", converted: false });

    await zoho.update("contact", contact.id, { emails: ["ivan.franko@example.com"], fields: { UTM_Source: "facebook" } });
    expect(await zoho.get("contact", contact.id)).toMatchObject({ emails: ["ivan.franko@example.com"], fields: expect.objectContaining({ UTM_Source: "facebook" }) });
  });

  it("answers an unknown id with null", async () => {
    expect(await connector().get("contact", "5725767000999999999")).toBeNull();
  });

  it("lists only the open deals of a contact", async () => {
    const zoho = connector();
    const stageId = async (name: string) => (await zoho.listPipelines()).flatMap((pipeline) => pipeline.stages).find((stage) => stage.name === name)!.id;
    const contact = await zoho.create("contact", { name: "Deal Owner" });
    const open = await zoho.create("deal", { name: "Open one", contactId: contact.id, stageId: await stageId("Qualification") });
    await zoho.create("deal", { name: "Won one", contactId: contact.id, stageId: await stageId("Closed Won") });
    // A configuration stored before stages had ids names the stage; it still reaches the right one.
    await zoho.create("deal", { name: "Lost one", contactId: contact.id, stageId: "Closed Lost" });
    expect((await zoho.openDealsOfContact(contact.id)).map((deal) => deal.id)).toEqual([open.id]);
  });

  it("raises a permanent error naming the field the CRM rejected", async () => {
    const zoho = connector();
    await expect(zoho.create("deal", { name: "Bad stage", stageId: "No such stage" })).rejects.toThrow(/INVALID_DATA \(Stage\)/);
    await expect(zoho.create("contact", { emails: ["x@example.com"] })).rejects.toThrow(/MANDATORY_NOT_FOUND \(Last_Name\)/);
    await expect(zoho.create("contact", { name: "Typed", fields: { Loyalty_Points: "many" } })).rejects.toBeInstanceOf(PermanentError);
    await expect(zoho.update("contact", "5725767000999999999", { name: "Ghost" })).rejects.toThrow(/INVALID_DATA/);
  });

  it("creates a task and logs a call linked to contact and deal, with a recording file and link", async () => {
    const zoho = connector();
    const contact = await zoho.create("contact", { name: "Caller One", phones: ["0501234567"] });
    const deal = await zoho.create("deal", { name: "Caller deal", contactId: contact.id, stageId: "Qualification" });
    const task = await zoho.createTask({ subject: "Call back the client", dueDate: "2026-11-23", links: { contactId: contact.id, dealId: deal.id } });
    expect(task.id).toMatch(/^\d+$/);
    const call = await zoho.logCall({
      direction: "incoming",
      status: "answered",
      fromNumber: "+380501234567",
      toNumber: "+380441234567",
      startedAt: new Date("2026-11-21T10:00:00Z"),
      durationSec: 754,
      subject: "Incoming call",
      links: { contactId: contact.id, dealId: deal.id },
    });
    await zoho.attachRecording(call.id, { kind: "file", fileName: "call.mp3", contentType: "audio/mpeg", content: new Uint8Array([73, 68, 51]) });
    await zoho.attachRecording(call.id, { kind: "link", url: "https://records.example.com/call-1.mp3" });
    const { recordOf, filesOf } = await import("@/testing/sandbox-records");
    expect(await recordOf("zoho", sandbox.account, "Calls", call.id)).toMatchObject({
      Call_Type: "Inbound",
      Call_Duration: "12:34",
      Call_Start_Time: "2026-11-21T10:00:00+00:00",
      Who_Id: { id: contact.id },
      What_Id: { id: deal.id },
      $se_module: "Deals",
    });
    expect((await filesOf("zoho", sandbox.account, call.id)).map((file) => [file.fileName, file.size, file.link])).toEqual([
      ["call.mp3", 3, null],
      ["call-1.mp3", 0, "https://records.example.com/call-1.mp3"],
    ]);
  });
});

describe("Zoho connector: OAuth and errors", () => {
  // A grant of its own (a fresh account): the connectors above already share this file's grant's token.
  const ownGrant = async (label: string) => zohoCredentials(await openSandboxAt(sandbox.server, "zoho", label));

  it("caches the access token until it expires, shared by the grant's connectors: one refresh for many calls", async () => {
    const own = await ownGrant("zoho-cache");
    const recorder = recordingFetch();
    const zoho = new ZohoConnector(own, { fetch: recorder.fetch });
    await zoho.listUsers();
    await zoho.listUsers();
    await new ZohoConnector(own, { fetch: recorder.fetch }).testConnection();
    expect(recorder.urls.filter((url) => url.endsWith("/oauth/v2/token"))).toHaveLength(1);
  });

  it("refreshes once when the access token is refused, and hands the new credentials back", async () => {
    const changed: unknown[] = [];
    const own = await ownGrant("zoho-refused");
    const zoho = new ZohoConnector({ ...own, accessToken: "1000.expired.token", accessTokenExpiresAt: Date.now() + 3_600_000 }, { onCredentialsChange: (next) => void changed.push(next) });
    expect((await zoho.listUsers()).length).toBe(3);
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatchObject({ crm: "zoho", accessToken: expect.stringMatching(/^1000\./) });
  });

  it("after the tokens are revoked: exactly one refresh attempt, then an AuthError", async () => {
    const isolated = await openSandbox("zoho", "zoho-revoked");
    try {
      const recorder = recordingFetch();
      const zoho = new ZohoConnector(await zohoCredentials(isolated), { fetch: recorder.fetch });
      await zoho.listUsers();
      await isolated.control({ revokeTokens: true });
      await expect(zoho.listUsers()).rejects.toBeInstanceOf(AuthError);
      expect(recorder.urls.filter((url) => url.endsWith("/oauth/v2/token"))).toHaveLength(2);
    } finally {
      await isolated.server.close();
    }
  });

  it("treats 429 and 5xx as retryable, and a hanging CRM as a retryable timeout", async () => {
    const isolated = await openSandbox("zoho", "zoho-faults");
    try {
      const zoho = new ZohoConnector(await zohoCredentials(isolated), { timeoutMs: 300 });
      await zoho.listUsers();
      await isolated.control({ burst429: 1 });
      const busy = await zoho.listUsers().catch((error: unknown) => error);
      expect(busy).toBeInstanceOf(RetryableError);
      expect((busy as RetryableError).details).toMatchObject({ status: 429, crmCode: "TOO_MANY_REQUESTS" });
      expect((await zoho.listUsers()).length).toBe(3);

      await isolated.control({ errorRate: 1 });
      const failure = await zoho.listUsers().catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(RetryableError);
      expect([500, 502, 503]).toContain((failure as RetryableError).details.status);

      await isolated.control({ errorRate: 0, latencyMs: 1_000 });
      await expect(zoho.listUsers()).rejects.toThrow(/no answer within 300 ms/);
    } finally {
      await isolated.server.close();
    }
  });

  it("reports a refused refresh token as an AuthError without retrying", async () => {
    const zoho = new ZohoConnector({ ...credentials, refreshToken: "1000.not.valid" });
    await expect(zoho.listUsers()).rejects.toThrow(/Zoho refused the refresh token \(invalid_code\)/);
  });
});
