// The delivery path end to end: events stored by the webhook's own code, delivered by the worker through
// the real connectors over real HTTP into the sandbox CRMs, checked by what the sandbox holds.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultConfig } from "@/lib/config/defaults";
import { saveConfigSection } from "@/lib/config/service";
import { createConnector } from "@/lib/connectors/registry";
import { customKey } from "@/lib/sandbox/pipedrive/seed";
import { db } from "@/lib/db/client";
import { makeRetriesDue } from "@/testing/jobs";
import { runDeliveries } from "./drain";
import { MODULES, setUp } from "@/testing/delivery-env";

describe.each(["pipedrive", "zoho"] as const)("deliveries into %s", (crm) => {
  let env: Awaited<ReturnType<typeof setUp>>;
  beforeAll(async () => {
    env = await setUp(crm, "worker");
  });
  afterAll(() => env.sandbox.server.close());

  it("a new caller's answered call: contact, deal, call log and recording, linked; the trace names every CRM operation", async () => {
    const before = { contacts: await env.count(MODULES[crm].contacts), deals: await env.count(MODULES[crm].deals) };
    const id = await env.call("+380501112233");
    expect(await runDeliveries({ projectId: env.project.id })).toMatchObject({ claimed: 1, delivered: 1 });
    const event = await env.event(id);
    expect(event.status).toBe("delivered");
    expect((event.trace as Array<{ op: string; ok: boolean }>).filter((entry) => entry.ok).map((entry) => entry.op)).toEqual(expect.arrayContaining(["search", "create", "callLog", "recording"]));
    expect(await env.count(MODULES[crm].contacts)).toBe(before.contacts + 1);
    expect(await env.count(MODULES[crm].deals)).toBe(before.deals + 1);
    expect(await env.count(MODULES[crm].calls)).toBe(1);
    expect(await env.files()).toBe(1);
  });

  it("a repeat caller, in another format: no search (link cache), no new contact or deal, one more call log", async () => {
    const before = { contacts: await env.count(MODULES[crm].contacts), deals: await env.count(MODULES[crm].deals), calls: await env.count(MODULES[crm].calls) };
    const id = await env.call("050 111 22 33");
    await runDeliveries({ projectId: env.project.id });
    const trace = (await env.event(id)).trace as Array<{ op: string; detail: string }>;
    expect(trace.some((entry) => entry.detail.includes("by phone"))).toBe(false);
    expect(trace[0]?.detail).toMatch(/\(link cache\)$/);
    expect(await env.count(MODULES[crm].contacts)).toBe(before.contacts);
    expect(await env.count(MODULES[crm].deals)).toBe(before.deals);
    expect(await env.count(MODULES[crm].calls)).toBe(before.calls + 1);
  });

  it("a caller the CRM holds in a local format (067 123 45 67) is found, not duplicated", async () => {
    const before = await env.count(MODULES[crm].contacts);
    const id = await env.call("+380671234567");
    await runDeliveries({ projectId: env.project.id });
    expect((await env.event(id)).status).toBe("delivered");
    expect(await env.count(MODULES[crm].contacts)).toBe(before);
  });

  it("callers that are not phone numbers (anonymous, abc), twice each: no contact, lead or deal; each call logged unlinked, with the reason", async () => {
    const before = { contacts: await env.count(MODULES[crm].contacts), deals: await env.count(MODULES[crm].deals), calls: await env.count(MODULES[crm].calls) };
    const ids = [];
    for (const caller of ["anonymous", "abc", "anonymous", "abc"]) ids.push(await env.call(caller));
    await runDeliveries({ projectId: env.project.id });
    for (const id of ids) {
      const event = await env.event(id);
      expect(event.status).toBe("delivered");
      expect(event.reason).toMatch(/is not a phone number: no contact, lead or deal is created or matched/);
      expect((event.trace as Array<{ op: string }>).map((entry) => entry.op)).not.toContain("search");
    }
    expect(await env.count(MODULES[crm].contacts)).toBe(before.contacts);
    expect(await env.count(MODULES[crm].deals)).toBe(before.deals);
    expect(await env.count(MODULES[crm].calls)).toBe(before.calls + 4);
  });

  it("a client the CRM holds under its client id only, made outside Callbridge, is found through the mapped field and not duplicated", async () => {
    const field = crm === "zoho" ? "Client_ID" : customKey("Client ID");
    const mappings = defaultConfig().mappings;
    mappings.call.contact = [{ field, source: { type: "variable", name: "clientId" } }];
    await saveConfigSection(env.project, "mappings", mappings, { userId: null, actor: "test" });
    const outside = await createConnector(env.credentials).create("contact", { name: "Outside Person", fields: { [field]: "GA1.2.4242" } });
    const before = await env.count(MODULES[crm].contacts);
    const id = await env.call("+380991234400", { clientId: "GA1.2.4242" });
    await runDeliveries({ projectId: env.project.id });
    const event = await env.event(id);
    expect(event.status).toBe("delivered");
    const trace = event.trace as Array<{ op: string; detail: string; ok: boolean }>;
    expect(trace.filter((entry) => entry.op === "search").map((entry) => entry.detail)).toContainEqual(`contact by client id GA1.2.4242 (${field})`);
    expect(await env.count(MODULES[crm].contacts)).toBe(before);
    const log = (await env.records(MODULES[crm].calls)).at(-1)!.data as Record<string, unknown>;
    expect(crm === "zoho" ? (log.Who_Id as { id: string }).id : String(log.person_id)).toBe(outside.id);
  });

  it("default parameters (F3) write the UTM tags and the client id, and the client id field is where clients are found", async () => {
    const key = (zoho: string, pipedrive: string) => (crm === "zoho" ? zoho : customKey(pipedrive));
    const fields = { utmSource: key("UTM_Source", "UTM source"), utmMedium: key("UTM_Medium", "UTM medium"), utmCampaign: "", utmTerm: "", utmContent: "", clientId: key("Client_ID", "Client ID") };
    await saveConfigSection(env.project, "mappings", defaultConfig().mappings, { userId: null, actor: "test" });
    await saveConfigSection(env.project, "defaultFields", { ...defaultConfig().defaultFields, contact: fields }, { userId: null, actor: "test" });
    const first = await env.form({ name: "Tagged Client", phone: "+380991234422" }, { utm: { source: "google", medium: "cpc" }, clientId: "GA1.2.5151" });
    await runDeliveries({ projectId: env.project.id });
    expect((await env.event(first)).status).toBe("delivered");
    const contact = (await env.records(MODULES[crm].contacts)).at(-1)!.data as Record<string, unknown>;
    const value = (field: string) => (crm === "zoho" ? contact[field] : (contact.custom_fields as Record<string, unknown> | undefined)?.[field] ?? contact[field]);
    expect([value(fields.utmSource), value(fields.utmMedium), value(fields.clientId)]).toEqual(["google", "cpc", "GA1.2.5151"]);
    // A client made outside Callbridge with only a client id is found through the default parameter's field.
    const outside = await createConnector(env.credentials).create("contact", { name: "Outside Tagged", fields: { [fields.clientId]: "GA1.2.6262" } });
    const before = await env.count(MODULES[crm].contacts);
    const second = await env.call("+380991234423", { clientId: "GA1.2.6262" });
    await runDeliveries({ projectId: env.project.id });
    const trace = (await env.event(second)).trace as Array<{ op: string; detail: string }>;
    expect(trace.map((entry) => entry.detail)).toContainEqual(`contact by client id GA1.2.6262 (${fields.clientId})`);
    expect(await env.count(MODULES[crm].contacts)).toBe(before);
    const log = (await env.records(MODULES[crm].calls)).at(-1)!.data as Record<string, unknown>;
    expect(crm === "zoho" ? (log.Who_Id as { id: string }).id : String(log.person_id)).toBe(outside.id);
    await saveConfigSection(env.project, "defaultFields", defaultConfig().defaultFields, { userId: null, actor: "test" });
  });

  it("first touch through the worker: an earlier call delivered after a later one replaces the later one's tags", async () => {
    const key = (zoho: string, pipedrive: string) => (crm === "zoho" ? zoho : customKey(pipedrive));
    const fields = { utmSource: key("UTM_Source", "UTM source"), utmMedium: key("UTM_Medium", "UTM medium"), utmCampaign: "", utmTerm: "", utmContent: "", clientId: "" };
    await saveConfigSection(env.project, "defaultFields", { ...defaultConfig().defaultFields, contact: fields }, { userId: null, actor: "test" });
    const hour = 3_600_000;
    // Tuesday's call arrives first; Monday's (the client's real first touch) is posted after it was delivered.
    const later = await env.call("+380991234499", { startedAt: new Date(Date.now() - hour).toISOString(), utm: { source: "facebook", medium: "social" } });
    await runDeliveries({ projectId: env.project.id });
    const earlier = await env.call("+380991234499", { startedAt: new Date(Date.now() - 25 * hour).toISOString(), utm: { source: "google", medium: "cpc" } });
    await runDeliveries({ projectId: env.project.id });
    expect([(await env.event(later)).status, (await env.event(earlier)).status]).toEqual(["delivered", "delivered"]);
    const contacts = (await env.records(MODULES[crm].contacts)).map((row) => row.data as Record<string, unknown>);
    const contact = contacts.find((data) => JSON.stringify(data).includes("991234499"))!;
    const value = (field: string) => (crm === "zoho" ? contact[field] : (contact.custom_fields as Record<string, unknown> | undefined)?.[field] ?? contact[field]);
    expect([value(fields.utmSource), value(fields.utmMedium)]).toEqual(["google", "cpc"]);
    await saveConfigSection(env.project, "defaultFields", defaultConfig().defaultFields, { userId: null, actor: "test" });
  });

  it("a 4,000-character name (the most a form field takes) is delivered cut to the CRM's field length, and the trace says so", async () => {
    const id = await env.form({ name: "Я".repeat(4_000), phone: "+380991234411" });
    await runDeliveries({ projectId: env.project.id });
    const event = await env.event(id);
    expect(event.status).toBe("delivered");
    const contact = (await env.records(MODULES[crm].contacts)).at(-1)!.data as Record<string, unknown>;
    expect(String(crm === "zoho" ? contact.Last_Name : contact.name)).toBe("Я".repeat(255));
    const deal = (await env.records(MODULES[crm].deals)).at(-1)!.data as Record<string, unknown>;
    expect(String(crm === "zoho" ? deal.Deal_Name : deal.title)).toHaveLength(255);
    const creates = (event.trace as Array<{ op: string; detail: string }>).filter((entry) => entry.op === "create");
    expect(creates.map((entry) => entry.detail)).toEqual([
      expect.stringMatching(new RegExp(`cut to fit the CRM's fields: ${crm === "zoho" ? "Last_Name" : "name"}: 4000 → 255 characters`)),
      expect.stringMatching(new RegExp(`cut to fit the CRM's fields: ${crm === "zoho" ? "Deal_Name" : "title"}: 4007 → 255 characters`)),
    ]);
  });

  it("5xx is retried later with backoff; a revoked token breaks the integration and pauses deliveries, losing nothing", async () => {
    await env.sandbox.control({ errorRate: 1 });
    const failing = await env.call("+380631110000");
    expect(await runDeliveries({ projectId: env.project.id })).toMatchObject({ retrying: 1 });
    const failed = await env.event(failing);
    expect(failed.status).toBe("failed");
    expect(failed.nextAttemptAt!.getTime()).toBeGreaterThan(Date.now() + 10_000);
    await env.sandbox.control({ errorRate: 0, revokeTokens: true });
    await makeRetriesDue(env.project.id);
    expect(await runDeliveries({ projectId: env.project.id })).toMatchObject({ paused: 1 });
    expect((await db().integration.findUniqueOrThrow({ where: { projectId: env.project.id } })).status).toBe("broken");
    expect((await env.event(failing)).status).toBe("queued");
    // While broken, nothing is claimed.
    expect(await runDeliveries({ projectId: env.project.id })).toMatchObject({ claimed: 0 });
  });
});
