// Pipedrive records that change under Callbridge (merged, deleted), leads found through their person, and
// call logs filed and found across users: the connector over real HTTP against the Pipedrive sandbox.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { customKey } from "@/lib/sandbox/pipedrive/seed";
import { openSandbox, pipedriveCredentials, type SandboxHandle } from "@/testing/sandbox";
import { filesOf, recordOf } from "@/testing/sandbox-records";
import type { PipedriveCredentials } from "../types";
import { PipedriveConnector } from "./connector";

const OLENA = "13000001";
const MAREK = "13000002";

let sandbox: SandboxHandle;
let credentials: PipedriveCredentials & { auth: "api_token" };
const connector = () => new PipedriveConnector(credentials);
/** What a Pipedrive user does in the app, sent as the API calls it makes. */
const pipedrive = async (method: string, path: string, body?: unknown) => {
  const response = await fetch(`${credentials.apiBase}${path}`, { method, headers: { "x-api-token": credentials.apiToken, "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  expect(response.status, `${method} ${path}`).toBeLessThan(300);
  return ((await response.json()) as { data: Record<string, unknown> }).data;
};
const searches = () => sandbox.server.requests.filter((line) => /\/(search|itemSearch)$/.test(line)).length;

beforeAll(async () => {
  sandbox = await openSandbox("pipedrive", "pd-lifecycle", { record: true });
  credentials = (await pipedriveCredentials(sandbox)) as PipedriveCredentials & { auth: "api_token" };
});
afterAll(() => sandbox.server.close());

describe("Pipedrive connector: records that change in the CRM", () => {
  it("a merged-away person reads as inactive; the survivor holds both phones and is what the number finds", async () => {
    const pd = connector();
    const gone = await pd.create("contact", { name: "Merged Away", phones: ["067 555 01 01"], emails: ["away@example.com"] });
    const kept = await pd.create("contact", { name: "Survivor", phones: ["+380 50 555 02 02"] });
    const deal = await pd.create("deal", { name: "Away's deal", contactId: gone.id });
    await pipedrive("PUT", `/api/v1/persons/${gone.id}/merge`, { merge_with_id: Number(kept.id) });

    const away = await pd.get("contact", gone.id);
    expect(away).toMatchObject({ id: gone.id, inactive: true });
    // Pipedrive's answer for the removed person names no survivor (only the merge answer does, as
    // merge_what_id on the survivor): the caller's number finds it instead.
    expect(away?.successorId).toBeUndefined();
    expect(await pd.get("contact", kept.id)).toMatchObject({ phones: ["+380 50 555 02 02", "067 555 01 01"], emails: ["away@example.com"] });
    expect(away?.inactive && (await pd.get("contact", kept.id))?.inactive).toBeFalsy();
    expect((await pd.searchPhoneCandidates("contact", "675550101")).map((record) => record.id)).toEqual([kept.id]);
    expect((await pd.get("deal", deal.id))?.contactId).toBe(kept.id);
  });

  it("a deleted person stays readable as inactive and is found by no search", async () => {
    const pd = connector();
    const person = await pd.create("contact", { name: "Deleted Soon", phones: ["063 444 77 00"] });
    await pipedrive("DELETE", `/api/v2/persons/${person.id}`);
    expect(await pd.get("contact", person.id)).toMatchObject({ id: person.id, name: "Deleted Soon", inactive: true, phones: ["063 444 77 00"] });
    expect(await pd.searchPhoneCandidates("contact", "634447700")).toEqual([]);
    expect(await pd.searchByPhone("contact", ["0634447700"])).toEqual([]);
    const live = await pd.create("contact", { name: "Still Here" });
    expect((await pd.get("contact", live.id))?.inactive).toBeUndefined();
  });
});

describe("Pipedrive connector: leads", () => {
  it("finds a person's open leads by phone, e-mail and a field — one search each — and never an archived one", async () => {
    const pd = connector();
    const person = await pd.create("contact", { name: "Lead Caller", phones: ["097 321 00 11", "+380443210022"], emails: ["lead.caller@example.com"] });
    const open = await pd.create("lead", { name: "Lead Caller inbound", contactId: person.id, fields: { [customKey("Call pool")]: "POOL-77" } });
    const archived = await pd.create("lead", { name: "Lead Caller old", contactId: person.id, fields: { [customKey("Call pool")]: "POOL-77" } });
    await pipedrive("PATCH", `/api/v1/leads/${archived.id}`, { is_archived: true });

    let before = searches();
    const candidates = await pd.searchPhoneCandidates("lead", "973210011");
    expect(searches() - before).toBe(1);
    expect(candidates).toEqual([expect.objectContaining({ kind: "lead", id: open.id, contactId: person.id, open: true, phones: ["097 321 00 11", "+380443210022"] })]);

    before = searches();
    expect((await pd.searchByPhone("lead", ["+380443210022"])).map((lead) => lead.id)).toEqual([open.id]);
    expect((await pd.searchByEmail("lead", "lead.caller@example.com")).map((lead) => lead.id)).toEqual([open.id]);
    expect((await pd.searchByField("lead", customKey("Call pool"), "POOL-77")).map((lead) => lead.id)).toEqual([open.id]);
    expect(searches() - before).toBe(3);
    expect(await pd.searchPhoneCandidates("lead", "999888777")).toEqual([]);
  });
});

describe("Pipedrive connector: call logs across users", () => {
  const log = (subject: string, ownerId: string, contactId: string, reference?: string) => ({
    direction: "incoming" as const,
    status: "answered" as const,
    fromNumber: "+380671234500",
    toNumber: "+380441234567",
    startedAt: new Date("2026-12-01T09:00:00Z"),
    durationSec: 40,
    subject,
    ownerId,
    reference,
    links: { contactId },
  });

  it("finds a log written under another user among more than 50, by the reference in its note, and attaches the recording to it", async () => {
    const pd = connector();
    const person = await pd.create("contact", { name: "Busy Caller" });
    const target = await pd.logCall(log("Incoming call", MAREK, person.id, "Callbridge event ev-lost-1"));
    for (let index = 0; index < 55; index++) await pd.logCall(log("Incoming call", MAREK, person.id, `Callbridge event ev-other-${index}`));

    const found = await pd.findWritten("callLog", { subject: "Incoming call", reference: "Callbridge event ev-lost-1", links: { contactId: person.id } });
    // Marek's log cannot be listed with Olena's token (GET /v1/callLogs is per user): its activity is the handle.
    const activityId = (await recordOf("pipedrive", sandbox.account, "callLogs", target.id))!.activity_id;
    expect(found).toEqual({ id: `activity:${activityId}` });
    expect(await pd.findWritten("callLog", { subject: "Incoming call", reference: "Callbridge event ev-never", links: { contactId: person.id } })).toBeNull();
    expect(await pd.hasRecording(found!.id)).toBe(false);
    await pd.attachRecording(found!.id, { kind: "file", fileName: "lost.mp3", contentType: "audio/mpeg", content: new Uint8Array([1, 2, 3]) });
    expect((await filesOf("pipedrive", sandbox.account, String(activityId))).map((file) => [file.module, file.fileName])).toEqual([["activities", "lost.mp3"]]);
  });

  it("finds the real id of the token user's own log beyond the first page of 50", async () => {
    const pd = connector();
    const person = await pd.create("contact", { name: "Own Caller" });
    const target = await pd.logCall(log("Own call", OLENA, person.id, "Callbridge event ev-own-1"));
    const other = await pd.create("contact", { name: "Other Caller" });
    for (let index = 0; index < 55; index++) await pd.logCall(log("Own call", OLENA, other.id, `Callbridge event ev-own-other-${index}`));
    expect(await pd.findWritten("callLog", { subject: "Own call", reference: "Callbridge event ev-own-1", links: { contactId: person.id } })).toEqual({ id: target.id });
    expect(await pd.findWritten("callLog", { subject: "Own call", reference: "Callbridge event ev-own-1", links: {} })).toEqual({ id: target.id });
  });

  it("a non-admin token files the log under its own user, names the employee in the note, and says so", async () => {
    const isolated = await openSandbox("pipedrive", "pd-non-admin", { record: true });
    try {
      await isolated.control({ tokenUserId: Number(MAREK), tokenUserIsAdmin: false });
      const pd = new PipedriveConnector(await pipedriveCredentials(isolated));
      const person = await pd.create("contact", { name: "Routed Caller" });
      const written = await pd.logCall({ ...log("Incoming call", OLENA, person.id, "Callbridge event ev-na-1"), note: "Asked for a quote" });
      expect(written.filedUnder).toEqual({ userId: MAREK, reason: expect.stringContaining("Olena Koval (Pipedrive user 13000001)") });
      const stored = await recordOf("pipedrive", isolated.account, "callLogs", written.id);
      expect(stored).toMatchObject({ user_id: Number(MAREK) });
      expect(String(stored!.note)).toMatch(/Employee: Olena Koval \(Pipedrive user 13000001\)[\s\S]*Asked for a quote[\s\S]*Callbridge event ev-na-1/);
      // Pipedrive's refusal, exactly once: the next log goes to the token's user at once.
      const refused = isolated.server.requests.filter((line) => line === "403 POST /sandbox/pipedrive/api/v1/callLogs").length;
      expect(refused).toBe(1);
      const again = await pd.logCall(log("Incoming call", OLENA, person.id, "Callbridge event ev-na-2"));
      expect(again.filedUnder?.userId).toBe(MAREK);
      expect(isolated.server.requests.filter((line) => line === "403 POST /sandbox/pipedrive/api/v1/callLogs")).toHaveLength(1);
      // The employee's own logs need no detour.
      expect((await pd.logCall(log("Incoming call", MAREK, person.id))).filedUnder).toBeUndefined();
    } finally {
      await isolated.server.close();
    }
  });
});
