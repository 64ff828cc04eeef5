// Pipedrive's own Node client, unchanged, against the Pipedrive sandbox: every operation the connector uses
// and the reads an integrator checks results with. Where the client and the sandbox disagree, the sandbox is wrong.
import { v1, v2 } from "pipedrive";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSandbox, pipedriveCredentials, type SandboxHandle } from "@/testing/sandbox";
import type { PipedriveCredentials } from "@/lib/connectors/types";
import { customKey } from "./seed";

let sandbox: SandboxHandle;
let credentials: PipedriveCredentials & { auth: "api_token" };
let config1: v1.Configuration;
let config2: v2.Configuration;
const CLIENT_ID = customKey("Client ID");

beforeAll(async () => {
  sandbox = await openSandbox("pipedrive", "pd-sdk", { record: true });
  credentials = (await pipedriveCredentials(sandbox)) as PipedriveCredentials & { auth: "api_token" };
  // Only the company domain differs from a real account: the client's own Configuration takes it.
  config1 = new v1.Configuration({ apiKey: credentials.apiToken, basePath: `${credentials.apiBase}/api/v1` });
  config2 = new v2.Configuration({ apiKey: credentials.apiToken, basePath: `${credentials.apiBase}/api/v2` });
});
afterAll(() => sandbox.server.close());

describe("Pipedrive's official client against the Pipedrive sandbox: metadata", () => {
  it("sends the API token in the x-api-token header, and reads the current user and users (v1)", async () => {
    const users = new v1.UsersApi(config1);
    const me = await users.getCurrentUser();
    expect(me.data?.email).toBe("olena.koval@callbridge.local");
    const all = await users.getUsers();
    expect(all.data?.map((user) => user.name)).toEqual(["Olena Koval", "Marek Nowak", "Iryna Bondar"]);
    expect(sandbox.server.requests.every((line) => !line.includes(credentials.apiToken))).toBe(true);
  });

  it("reads person, organization, deal and activity fields with v2 field codes", async () => {
    const persons = await new v2.PersonFieldsApi(config2).getPersonFields();
    const clientId = persons.data?.find((field) => field.field_name === "Client ID");
    expect(clientId).toMatchObject({ field_code: CLIENT_ID, field_type: "varchar", is_custom_field: true });
    expect((await new v2.OrganizationFieldsApi(config2).getOrganizationFields()).data?.map((field) => field.field_code)).toContain("name");
    expect((await new v2.DealFieldsApi(config2).getDealFields()).data?.map((field) => field.field_code)).toContain("title");
    expect((await new v2.ActivityFieldsApi(config2).getActivityFields()).data?.map((field) => field.field_code)).toContain("subject");
    const page = await new v2.PersonFieldsApi(config2).getPersonFields({ limit: 3 });
    expect(page.data).toHaveLength(3);
    expect(page.additional_data?.next_cursor).toEqual(expect.any(String));
    const rest = await new v2.PersonFieldsApi(config2).getPersonFields({ limit: 500, cursor: page.additional_data!.next_cursor! });
    expect((page.data?.length ?? 0) + (rest.data?.length ?? 0)).toBe(persons.data?.length);
  });

  it("reads pipelines and stages (v2)", async () => {
    const pipelines = await new v2.PipelinesApi(config2).getPipelines();
    expect(pipelines.data?.map((pipeline) => pipeline.name)).toEqual(["Sales", "Partnerships"]);
    const stages = await new v2.StagesApi(config2).getStages({ pipeline_id: pipelines.data![0]!.id });
    expect(stages.data?.map((stage) => stage.name)).toEqual(["Lead in", "Contact made", "Demo scheduled", "Proposal made", "Negotiations started"]);
  });
});

describe("Pipedrive's official client against the Pipedrive sandbox: records", () => {
  it("creates, reads, updates, lists, searches and deletes persons, organizations and deals (v2)", async () => {
    const organizations = new v2.OrganizationsApi(config2);
    const persons = new v2.PersonsApi(config2);
    const deals = new v2.DealsApi(config2);
    const organization = (await organizations.addOrganization({ AddOrganizationRequest: { name: "SDK Ltd" } })).data!;
    const person = (
      await persons.addPerson({
        AddPersonRequest: { name: "Sofia SDK", org_id: organization.id, phones: [{ value: "067 444 55 66", primary: true, label: "work" }], emails: [{ value: "sofia.sdk@example.com", primary: true, label: "work" }], custom_fields: { [CLIENT_ID]: "GA1.2.777" } },
      })
    ).data!;
    const deal = (await deals.addDeal({ AddDealRequest: { title: "SDK deal", person_id: person.id, org_id: organization.id } })).data!;

    expect((await persons.getPerson({ id: person.id! })).data).toMatchObject({ name: "Sofia SDK", org_id: organization.id });
    await persons.updatePerson({ id: person.id!, UpdatePersonRequest: { name: "Sofia Updated" } });
    expect((await persons.getPersons({ ids: String(person.id) })).data?.map((found) => found.name)).toEqual(["Sofia Updated"]);
    expect((await persons.getPersons({ limit: 500 })).data?.map((found) => found.name)).toEqual(expect.arrayContaining(["Taras Melnyk", "Sofia Updated"]));

    const byPhone = await persons.searchPersons({ term: "0674445566", fields: "phone", exact_match: true });
    expect(byPhone.data?.items?.map((hit) => (hit.item as { id: number }).id)).toEqual([person.id]);
    // The connector's one "contains" search on the national digits.
    const byDigits = await persons.searchPersons({ term: "674445566", fields: "phone" });
    expect(byDigits.data?.items?.map((hit) => (hit.item as { id: number }).id)).toEqual([person.id]);
    const byClientId = await persons.searchPersons({ term: "GA1.2.777", fields: "custom_fields", exact_match: true });
    expect(byClientId.data?.items?.map((hit) => (hit.item as { id: number }).id)).toEqual([person.id]);
    const items = await new v2.ItemSearchApi(config2).searchItem({ term: "SDK", item_types: "organization" });
    expect(items.data?.items?.map((hit) => (hit.item as { name: string }).name)).toEqual(["SDK Ltd"]);

    expect((await deals.getDeals({ person_id: person.id, status: "open" })).data?.map((found) => found.id)).toEqual([deal.id]);
    await deals.updateDeal({ id: deal.id!, UpdateDealRequest: { title: "SDK deal, renamed" } });
    expect((await deals.getDeal({ id: deal.id! })).data?.title).toBe("SDK deal, renamed");

    await deals.deleteDeal({ id: deal.id! });
    await persons.deletePerson({ id: person.id! });
    await organizations.deleteOrganization({ id: organization.id! });
    // A deleted person stays readable for 30 days, flagged; no search finds it and no list shows it.
    expect((await persons.getPerson({ id: person.id! })).data).toMatchObject({ id: person.id, is_deleted: true });
    expect((await persons.searchPersons({ term: "0674445566", fields: "phone", exact_match: true })).data?.items).toEqual([]);
    expect((await persons.getPersons({ ids: String(person.id) })).data).toEqual([]);
    // An unknown id: the client rejects with Pipedrive's error body.
    await expect(persons.getPerson({ id: 987_654_321 })).rejects.toMatchObject({ success: false, error: "Person not found" });
  });

  it("refuses a name longer than Pipedrive stores", async () => {
    await expect(new v2.PersonsApi(config2).addPerson({ AddPersonRequest: { name: "x".repeat(256) } })).rejects.toMatchObject({ success: false, error: "Validation failed: name: must be at most 255 characters" });
  });

  it("creates a lead (v1), an activity (v2) and a call log with its recording (v1), and reads them back", async () => {
    const person = (await new v2.PersonsApi(config2).addPerson({ AddPersonRequest: { name: "Caller SDK" } })).data!;
    const leads = new v1.LeadsApi(config1);
    const lead = (await leads.addLead({ AddLeadRequest: { title: "SDK lead", person_id: person.id } })).data!;
    expect((await leads.getLead({ id: lead.id! })).data?.title).toBe("SDK lead");
    await leads.updateLead({ id: lead.id!, UpdateLeadRequest: { title: "SDK lead, renamed" } });

    const activities = new v2.ActivitiesApi(config2);
    const activity = (await activities.addActivity({ AddActivityRequest: { subject: "Call back", type: "task", due_date: "2026-11-27", person_id: person.id } })).data!;
    expect((await activities.getActivities({ person_id: person.id, sort_by: "add_time", sort_direction: "desc" })).data?.map((found) => found.id)).toEqual([activity.id]);

    const calls = new v1.CallLogsApi(config1);
    const log = (
      await calls.addCallLog({ AddCallLogRequest: { outcome: "connected", to_phone_number: "+380441234567", from_phone_number: "+380674445566", start_time: "2026-11-25 10:00:00", end_time: "2026-11-25 10:01:30", person_id: person.id, subject: "Incoming call" } })
    ).data!;
    await calls.addCallLogAudioFile({ id: log.id!, file: new File([new Uint8Array([0x49, 0x44, 0x33])], "call.mp3", { type: "audio/mpeg" }) });
    expect((await calls.getCallLog({ id: log.id! })).data?.has_recording).toBe(true);
    expect((await calls.getUserCallLogs()).data?.map((found) => found.id)).toContain(log.id);
  });

  it("merges two persons (v1): the survivor keeps both phones and the deals; the other is deleted", async () => {
    const persons = new v2.PersonsApi(config2);
    const kept = (await persons.addPerson({ AddPersonRequest: { name: "Merge Keeper", phones: [{ value: "067 000 11 22", primary: true, label: "work" }] } })).data!;
    const gone = (await persons.addPerson({ AddPersonRequest: { name: "Merge Gone", phones: [{ value: "050 000 33 44", primary: true, label: "mobile" }], emails: [{ value: "gone@example.com", primary: true, label: "work" }] } })).data!;
    const deal = (await new v2.DealsApi(config2).addDeal({ AddDealRequest: { title: "Gone's deal", person_id: gone.id } })).data!;
    const merged = await new v1.PersonsApi(config1).mergePersons({ id: gone.id!, MergePersonsRequest: { merge_with_id: kept.id! } });
    expect(merged.data).toMatchObject({ id: kept.id, merge_what_id: gone.id });
    expect((await persons.getPerson({ id: kept.id! })).data?.phones?.map((phone) => phone.value)).toEqual(["067 000 11 22", "050 000 33 44"]);
    expect((await persons.getPerson({ id: kept.id! })).data?.emails?.map((email) => email.value)).toEqual(["gone@example.com"]);
    expect((await persons.getPerson({ id: gone.id! })).data).toMatchObject({ id: gone.id, is_deleted: true });
    expect((await new v2.DealsApi(config2).getDeal({ id: deal.id! })).data?.person_id).toBe(kept.id);
    expect((await persons.searchPersons({ term: "0500003344", fields: "phone", exact_match: true })).data?.items?.map((hit) => (hit.item as { id: number }).id)).toEqual([kept.id]);
  });

  it("adds notes to a person and a lead and lists them by link, page by page (v1)", async () => {
    const person = (await new v2.PersonsApi(config2).addPerson({ AddPersonRequest: { name: "Noted Person" } })).data!;
    const lead = (await new v1.LeadsApi(config1).addLead({ AddLeadRequest: { title: "Noted lead", person_id: person.id } })).data!;
    const notes = new v1.NotesApi(config1);
    for (const content of ["first", "second", "third"]) await notes.addNote({ AddNoteRequest: { content, person_id: person.id } });
    const onLead = (await notes.addNote({ AddNoteRequest: { content: "about the lead", lead_id: lead.id } })).data!;
    expect(onLead).toMatchObject({ content: "about the lead", lead_id: lead.id, active_flag: true });
    const page = await notes.getNotes({ person_id: person.id, limit: 2, sort: "id DESC" });
    expect(page.data?.map((note) => note.content)).toEqual(["third", "second"]);
    expect(page.additional_data?.pagination).toMatchObject({ start: 0, limit: 2, more_items_in_collection: true });
    expect((await notes.getNotes({ person_id: person.id, start: 2, limit: 2, sort: "id DESC" })).data?.map((note) => note.content)).toEqual(["first"]);
    expect((await notes.getNotes({ lead_id: lead.id })).data?.map((note) => note.id)).toEqual([onLead.id]);
    await expect(notes.addNote({ AddNoteRequest: { content: "nowhere" } })).rejects.toMatchObject({ success: false });
  });

  it("searches leads by title within a person (v2), and finds a person's leads through the item search's related items", async () => {
    const person = (await new v2.PersonsApi(config2).addPerson({ AddPersonRequest: { name: "Lead Seeker", phones: [{ value: "063 987 65 43", primary: true, label: "work" }] } })).data!;
    const lead = (await new v1.LeadsApi(config1).addLead({ AddLeadRequest: { title: "Seeker inbound", person_id: person.id } })).data!;
    const found = await new v2.LeadsApi(config2).searchLeads({ term: "Seeker", fields: "title", person_id: person.id });
    expect(found.data?.items?.map((hit) => hit.item)).toEqual([expect.objectContaining({ id: lead.id, type: "lead", title: "Seeker inbound", is_archived: false, person: expect.objectContaining({ id: person.id }) })]);
    expect((await new v2.LeadsApi(config2).searchLeads({ term: "Seeker", person_id: 987_654 })).data?.items).toEqual([]);
    const items = await new v2.ItemSearchApi(config2).searchItem({ term: "639876543", item_types: "person", fields: "phone", search_for_related_items: true });
    expect(items.data?.items?.map((hit) => (hit.item as { id: number }).id)).toEqual([person.id]);
    expect((items.data as { related_items?: Array<{ item: { id: string; type: string } }> }).related_items?.map((hit) => [hit.item.type, hit.item.id])).toEqual([["lead", lead.id]]);
  });

  it("a wrong token is refused with Pipedrive's 401", async () => {
    const wrong = new v1.UsersApi(new v1.Configuration({ apiKey: "wrong", basePath: `${credentials.apiBase}/api/v1` }));
    await expect(wrong.getCurrentUser()).rejects.toMatchObject({ success: false, error: "unauthorized access", errorCode: 401 });
  });
});
