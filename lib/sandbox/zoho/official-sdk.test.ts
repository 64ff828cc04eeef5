// Zoho's own TypeScript SDK, unchanged, against the Zoho sandbox: every operation the connector uses and
// the reads an integrator checks results with. Where the SDK and the sandbox disagree, the sandbox is wrong.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as ZOHO from "@zohocrm/typescript-sdk-8.0";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSandbox, zohoCredentials, type SandboxHandle } from "@/testing/sandbox";
import type { ZohoCredentials } from "@/lib/connectors/types";

let sandbox: SandboxHandle;
let credentials: ZohoCredentials;

const params = async (entries: Array<[ZOHO.Param<unknown>, unknown]>) => {
  const map = new ZOHO.ParameterMap();
  for (const [param, value] of entries) await map.add(param, value);
  return map;
};

/** The records of a ResponseWrapper answer (an APIException fails the test with its code). */
function recordsOf(response: Awaited<ReturnType<ZOHO.Record.RecordOperations["getRecord"]>>): ZOHO.Record.Record[] {
  if (!response || response.getStatusCode() === 204) return [];
  const answer = response.getObject();
  if (answer instanceof ZOHO.Record.APIException) throw new Error(`Zoho answered ${answer.getCode().getValue()}: ${answer.getMessage()}`);
  return (answer as ZOHO.Record.ResponseWrapper).getData();
}

/** The id Zoho gave the one record of a write, or the error it named. */
function writtenId(response: Awaited<ReturnType<ZOHO.Record.RecordOperations["createRecords"]>>): string {
  const answer = response?.getObject();
  if (!(answer instanceof ZOHO.Record.ActionWrapper)) throw new Error(`not an action answer: ${JSON.stringify(answer)}`);
  const [result] = answer.getData();
  if (!(result instanceof ZOHO.Record.SuccessResponse)) {
    const failure = result as ZOHO.Record.APIException;
    throw new Error(`Zoho refused the record: ${failure.getCode().getValue()} ${JSON.stringify(Object.fromEntries(failure.getDetails()))}`);
  }
  return String(result.getDetails().get("id"));
}

function record(values: Record<string, unknown>): ZOHO.Record.Record {
  const built = new ZOHO.Record.Record();
  for (const [key, value] of Object.entries(values)) built.addKeyValue(key, value);
  return built;
}

const reference = (id: string) => {
  const target = new ZOHO.Record.Record();
  target.setId(BigInt(id));
  return target;
};

async function create(module: string, values: Record<string, unknown>): Promise<string> {
  const body = new ZOHO.Record.BodyWrapper();
  body.setData([record(values)]);
  return writtenId(await new ZOHO.Record.RecordOperations(module).createRecords(body, new ZOHO.HeaderMap()));
}

beforeAll(async () => {
  sandbox = await openSandbox("zoho", "zoho-sdk");
  credentials = await zohoCredentials(sandbox);
  const dir = mkdtempSync(join(tmpdir(), "zoho-sdk-"));
  // Only the addresses differ from a real data centre: the SDK's own Environment class takes them.
  const environment = new ZOHO.Environment(credentials.apiDomain, `${credentials.accountsUrl}/oauth/v2/token`, credentials.apiDomain);
  const token = new ZOHO.OAuthBuilder().clientId(credentials.clientId).clientSecret(credentials.clientSecret).refreshToken(credentials.refreshToken).build();
  await (await new ZOHO.InitializeBuilder())
    .environment(environment)
    .token(token)
    .store(new ZOHO.FileStore(join(dir, "tokens.txt")))
    .resourcePath(dir)
    .logger(new ZOHO.LogBuilder().level(ZOHO.Levels.OFF).filePath(join(dir, "sdk.log")).build())
    .initialize();
});
afterAll(() => sandbox.server.close());

describe("Zoho's official SDK against the Zoho sandbox: OAuth", () => {
  it("refreshed its token with a multipart request (initialisation above), and url-encoded and query-string forms work too", async () => {
    const form = { client_id: credentials.clientId, client_secret: credentials.clientSecret, grant_type: "refresh_token", refresh_token: credentials.refreshToken };
    const url = `${credentials.accountsUrl}/oauth/v2/token`;
    const encoded = await (await fetch(url, { method: "POST", body: new URLSearchParams(form) })).json();
    const query = await (await fetch(`${url}?${new URLSearchParams(form)}`, { method: "POST" })).json();
    expect(encoded).toMatchObject({ token_type: "Bearer", expires_in: 3600, api_domain: credentials.apiDomain });
    expect(query).toMatchObject({ token_type: "Bearer", expires_in: 3600, api_domain: credentials.apiDomain });
    const wrong = await (await fetch(`${url}?${new URLSearchParams({ ...form, client_secret: "wrong" })}`, { method: "POST" })).json();
    expect(wrong).toEqual({ error: "invalid_client" });
  });
});

describe("Zoho's official SDK against the Zoho sandbox: metadata", () => {
  it("reads the org with its zgid, the current user, a user by id, and the modules", async () => {
    const org = (await new ZOHO.Org.OrgOperations().getOrganization())?.getObject() as ZOHO.Org.ResponseWrapper;
    expect(org.getOrg()[0]!.getCompanyName()).toBe("Callbridge Demo Sales");
    expect(org.getOrg()[0]!.getZgid()).toMatch(/^\d+$/);

    const users = new ZOHO.Users.UsersOperations();
    const active = (await users.getUsers(await params([[ZOHO.Users.GetUsersParam.TYPE, "ActiveUsers"]])))?.getObject() as ZOHO.Users.ResponseWrapper;
    const [first] = active.getUsers();
    expect(first!.getEmail()).toBe("olena.koval@callbridge.local");
    const byId = (await users.getUser(first!.getId()))?.getObject() as ZOHO.Users.ResponseWrapper;
    expect(byId.getUsers()[0]!.getFullName()).toBe("Olena Koval");

    const modules = (await new ZOHO.Modules.ModulesOperations().getModules(new ZOHO.ParameterMap(), new ZOHO.HeaderMap()))?.getObject() as ZOHO.Modules.ResponseWrapper;
    expect(modules.getModules().map((module) => module.getAPIName())).toEqual(expect.arrayContaining(["Leads", "Contacts", "Accounts", "Deals", "Tasks", "Calls"]));
  });

  it("reads fields with lookups pointing at modules, layouts and pipelines", async () => {
    const fields = (await new ZOHO.Fields.FieldsOperations().getFields(await params([[ZOHO.Fields.GetFieldsParam.MODULE, "Deals"]])))?.getObject() as ZOHO.Fields.ResponseWrapper;
    const contactName = fields.getFields().find((field) => field.getAPIName() === "Contact_Name")!;
    expect(contactName.getLookup().getModule().getAPIName()).toBe("Contacts");
    expect(fields.getFields().find((field) => field.getAPIName() === "Deal_Name")!.getLength()).toBe(255);

    const layouts = (await new ZOHO.Layouts.LayoutsOperations().getLayouts(await params([[ZOHO.Layouts.GetLayoutsParam.MODULE, "Deals"]])))?.getObject() as ZOHO.Layouts.ResponseWrapper;
    const layoutId = layouts.getLayouts()[0]!.getId();
    const pipelines = (await new ZOHO.Pipeline.PipelineOperations(layoutId).getPipelines())?.getObject() as ZOHO.Pipeline.BodyWrapper;
    expect(pipelines.getPipeline().map((pipeline) => pipeline.getDisplayValue())).toEqual(["Default", "Partners"]);
    expect(pipelines.getPipeline()[0]!.getMaps().map((stage) => stage.getForecastType())).toContain("Closed Won");
  });
});

describe("Zoho's official SDK against the Zoho sandbox: records", () => {
  it("creates, reads, updates, searches and lists contacts, accounts and deals", async () => {
    const accountId = await create("Accounts", { Account_Name: "Lviv Bakery" });
    const contactId = await create("Contacts", { First_Name: "Iryna", Last_Name: "SDK", Phone: "067 321 00 11", Email: "iryna.sdk@example.com", Account_Name: reference(accountId), Client_ID: "GA1.2.555" });
    const dealId = await create("Deals", { Deal_Name: "SDK deal", Stage: new ZOHO.Choice("Qualification"), Contact_Name: reference(contactId), Account_Name: reference(accountId) });

    const contacts = new ZOHO.Record.RecordOperations("Contacts");
    const [read] = recordsOf(await contacts.getRecord(BigInt(contactId), new ZOHO.ParameterMap(), new ZOHO.HeaderMap()));
    expect(read!.getKeyValue("Last_Name")).toBe("SDK");
    expect((read!.getKeyValue("Account_Name") as ZOHO.Record.Record).getId()).toBe(BigInt(accountId));

    const update = new ZOHO.Record.BodyWrapper();
    update.setData([record({ Mobile: "050 111 22 33" })]);
    writtenId(await contacts.updateRecord(BigInt(contactId), update, new ZOHO.HeaderMap()));

    const byPhone = recordsOf(await contacts.searchRecords(await params([[ZOHO.Record.SearchRecordsParam.PHONE, "0501112233"]]), new ZOHO.HeaderMap()));
    expect(byPhone.map((found) => String(found.getId()))).toEqual([contactId]);
    const byEmail = recordsOf(await contacts.searchRecords(await params([[ZOHO.Record.SearchRecordsParam.EMAIL, "iryna.sdk@example.com"]]), new ZOHO.HeaderMap()));
    expect(byEmail.map((found) => String(found.getId()))).toEqual([contactId]);
    const byClientId = recordsOf(await contacts.searchRecords(await params([[ZOHO.Record.SearchRecordsParam.CRITERIA, "(Client_ID:equals:GA1.2.555)"]]), new ZOHO.HeaderMap()));
    expect(byClientId.map((found) => String(found.getId()))).toEqual([contactId]);
    const deals = recordsOf(await new ZOHO.Record.RecordOperations("Deals").searchRecords(await params([[ZOHO.Record.SearchRecordsParam.CRITERIA, `(Contact_Name:equals:${contactId})`]]), new ZOHO.HeaderMap()));
    expect(deals.map((found) => String(found.getId()))).toEqual([dealId]);
    expect(recordsOf(await contacts.searchRecords(await params([[ZOHO.Record.SearchRecordsParam.PHONE, "0999999999"]]), new ZOHO.HeaderMap()))).toEqual([]);
    // The connector's one "contains" search on the national digits, over both phone fields.
    const byDigits = recordsOf(await contacts.searchRecords(await params([[ZOHO.Record.SearchRecordsParam.CRITERIA, "((Phone:equals:673210011)or(Mobile:equals:673210011))"]]), new ZOHO.HeaderMap()));
    expect(byDigits.map((found) => String(found.getId()))).toEqual([contactId]);

    const listed = recordsOf(await contacts.getRecords(await params([[ZOHO.Record.GetRecordsParam.FIELDS, "Last_Name,Phone"]]), new ZOHO.HeaderMap()));
    expect(listed.map((found) => found.getKeyValue("Last_Name"))).toEqual(expect.arrayContaining(["Melnyk", "SDK"]));
  });

  it("refuses a value longer than the field, naming the field", async () => {
    await expect(create("Contacts", { Last_Name: "x".repeat(300) })).rejects.toThrow(/INVALID_DATA.*Last_Name/);
  });

  it("creates tasks and call logs linked to a contact and a deal, and attaches a recording file and a link", async () => {
    const contactId = await create("Contacts", { Last_Name: "Caller" });
    const dealId = await create("Deals", { Deal_Name: "Call deal", Stage: new ZOHO.Choice("Qualification"), Contact_Name: reference(contactId) });
    const owner = new ZOHO.Users.MinifiedUser();
    const [user] = ((await new ZOHO.Users.UsersOperations().getUsers(await params([[ZOHO.Users.GetUsersParam.TYPE, "ActiveUsers"]])))?.getObject() as ZOHO.Users.ResponseWrapper).getUsers();
    owner.setId(user!.getId());
    const taskId = await create("Tasks", { Subject: "Call back", Due_Date: new Date("2026-11-27T00:00:00Z"), Status: new ZOHO.Choice("Not Started"), Owner: owner, Who_Id: reference(contactId), What_Id: reference(dealId), $se_module: "Deals" });
    const callId = await create("Calls", {
      Subject: "Incoming call",
      Call_Type: new ZOHO.Choice("Inbound"),
      Call_Start_Time: new Date("2026-11-25T10:00:00Z"),
      Call_Duration: "01:30",
      Who_Id: reference(contactId),
      What_Id: reference(dealId),
      $se_module: "Deals",
    });
    expect(taskId).toMatch(/^\d+$/);
    const [call] = recordsOf(await new ZOHO.Record.RecordOperations("Calls").getRecord(BigInt(callId), new ZOHO.ParameterMap(), new ZOHO.HeaderMap()));
    expect(call!.getKeyValue("Call_Duration")).toBe("01:30");
    // How a retry finds a call log or task whose answer was lost: by subject.
    const bySubject = recordsOf(await new ZOHO.Record.RecordOperations("Calls").searchRecords(await params([[ZOHO.Record.SearchRecordsParam.CRITERIA, "(Subject:equals:Incoming call)"]]), new ZOHO.HeaderMap()));
    expect(bySubject.map((found) => String(found.getId()))).toContain(callId);

    const attachments = new ZOHO.Attachments.AttachmentsOperations();
    const file = new ZOHO.Attachments.FileBodyWrapper();
    const recording = join(mkdtempSync(join(tmpdir(), "zoho-sdk-file-")), "call.mp3");
    writeFileSync(recording, "ID3 recording");
    file.setFile(new ZOHO.StreamWrapper(undefined, undefined, recording));
    const upload = await attachments.uploadAttachments(BigInt(callId), "Calls", file);
    const uploaded = upload?.getObject() as ZOHO.Attachments.ActionWrapper;
    expect(uploaded.getData()[0]).toBeInstanceOf(ZOHO.Attachments.SuccessResponse);
    const linked = (await attachments.uploadUrlAttachments(BigInt(callId), "Calls", await params([[ZOHO.Attachments.UploadUrlAttachmentsParam.ATTACHMENTURL, "https://records.example.com/call-2.mp3"]])))?.getObject() as ZOHO.Attachments.ActionWrapper;
    expect(linked.getData()[0]).toBeInstanceOf(ZOHO.Attachments.SuccessResponse);

    const listed = (await attachments.getAttachments(BigInt(callId), "Calls", await params([[ZOHO.Attachments.GetAttachmentsParam.FIELDS, "id,File_Name"]])))?.getObject() as ZOHO.Attachments.ResponseWrapper;
    expect(listed.getData().map((attachment) => attachment.getFileName())).toEqual(["call.mp3", "call-2.mp3"]);
  });

  it("deletes a record and several by ids; they then read as none and are not found", async () => {
    const operations = new ZOHO.Record.RecordOperations("Contacts");
    const [single, first, second] = [await create("Contacts", { Last_Name: "Sdk Deleted", Phone: "0661230001" }), await create("Contacts", { Last_Name: "Sdk Mass 1" }), await create("Contacts", { Last_Name: "Sdk Mass 2" })];
    const deleted = (await operations.deleteRecord(BigInt(single), new ZOHO.ParameterMap(), new ZOHO.HeaderMap()))?.getObject() as ZOHO.Record.ActionWrapper;
    const [result] = deleted.getData();
    expect(result).toBeInstanceOf(ZOHO.Record.SuccessResponse);
    expect((result as ZOHO.Record.SuccessResponse).getMessage().getValue()).toBe("record deleted");
    expect(recordsOf(await operations.getRecord(BigInt(single), new ZOHO.ParameterMap(), new ZOHO.HeaderMap()))).toEqual([]);

    const mass = (await operations.deleteRecords(await params([[ZOHO.Record.DeleteRecordsParam.IDS, `${first},${second}`]]), new ZOHO.HeaderMap()))?.getObject() as ZOHO.Record.ActionWrapper;
    expect(mass.getData().map((answer) => String((answer as ZOHO.Record.SuccessResponse).getDetails().get("id")))).toEqual([first, second]);
    const search = await operations.searchRecords(await params([[ZOHO.Record.SearchRecordsParam.PHONE, "0661230001"]]), new ZOHO.HeaderMap());
    expect(recordsOf(search)).toEqual([]);
  });

  it("converts a lead into a contact, an account and a deal; the lead then reads as converted", async () => {
    const leadId = await create("Leads", { Last_Name: "Sdk Convert", Company: "Sdk Company", Phone: "0661230002" });
    const converter = new ZOHO.ConvertLead.LeadConverter();
    converter.setOverwrite(true);
    converter.setNotifyLeadOwner(false);
    converter.setNotifyNewEntityOwner(false);
    converter.setDeals(record({ Deal_Name: "Sdk deal", Stage: new ZOHO.Choice("Qualification") }));
    const body = new ZOHO.ConvertLead.BodyWrapper();
    body.setData([converter]);
    const answer = (await new ZOHO.ConvertLead.ConvertLeadOperations(BigInt(leadId)).convertLead(body))?.getObject() as ZOHO.ConvertLead.ActionWrapper;
    const [result] = answer.getData();
    expect(result).toBeInstanceOf(ZOHO.ConvertLead.SuccessResponse);
    const details = (result as ZOHO.ConvertLead.SuccessResponse).getDetails();
    const idOf = (key: string) => String((details.get(key) as ZOHO.Record.Record).getId());
    const [contactId, accountId, dealId] = [idOf("Contacts"), idOf("Accounts"), idOf("Deals")];

    const [lead] = recordsOf(await new ZOHO.Record.RecordOperations("Leads").getRecord(BigInt(leadId), new ZOHO.ParameterMap(), new ZOHO.HeaderMap()));
    expect(lead!.getKeyValue("$converted")).toBe(true);
    const [deal] = recordsOf(await new ZOHO.Record.RecordOperations("Deals").getRecord(BigInt(dealId), new ZOHO.ParameterMap(), new ZOHO.HeaderMap()));
    expect(String((deal!.getKeyValue("Contact_Name") as ZOHO.Record.Record).getId())).toBe(contactId);
    expect(String((deal!.getKeyValue("Account_Name") as ZOHO.Record.Record).getId())).toBe(accountId);
    // Left out of search (converted=false by default).
    expect(recordsOf(await new ZOHO.Record.RecordOperations("Leads").searchRecords(await params([[ZOHO.Record.SearchRecordsParam.PHONE, "0661230002"]]), new ZOHO.HeaderMap()))).toEqual([]);
  });

  it("answers an unknown path with Zoho's own error", async () => {
    const response = await fetch(`${credentials.apiDomain}/crm/v8/Nope/things/else`, { headers: { authorization: "Zoho-oauthtoken x" } });
    expect(response.status).toBe(401);
    const unknown = await fetch(`${credentials.apiDomain}/crm/v9/Contacts`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ code: "INVALID_URL_PATTERN" });
  });
});
