// The first-touch memory on real PostgreSQL (the UtmTouch table through lib/db/queries/utm-touches.ts), and
// the delivery steps around it against each sandbox CRM over HTTP: find → load the memory → decide →
// execute, the worker's own sequence (worker.ts passes `utmWritten` to decide, see first-touch-memory.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultConfig } from "@/lib/config/defaults";
import { crmMetadata } from "@/lib/config/metadata";
import { loadConfig, saveConfigSection } from "@/lib/config/service";
import { createConnector } from "@/lib/connectors/registry";
import type { CrmConnector, CrmCredentials } from "@/lib/connectors/types";
import { db } from "@/lib/db/client";
import { findUtmTouches, saveUtmTouch } from "@/lib/db/queries/utm-touches";
import { parseEvent, type ClientEvent } from "@/lib/validation/platform-event";
import { customKey } from "@/lib/sandbox/pipedrive/seed";
import { connectActive } from "@/testing/connected";
import { insertTestEvent, makeProject } from "@/testing/factories";
import { openSandbox, pipedriveCredentials, zohoCredentials, type SandboxHandle } from "@/testing/sandbox";
import { decide } from "./decide";
import { executePlan } from "./execute";
import { findExisting } from "./find";
import { loadUtmWritten } from "./first-touch-memory";

const project = async (name: string) => {
  const { projectKey } = await makeProject(name);
  return db().project.findUniqueOrThrow({ where: { key: projectKey }, select: { id: true, key: true } });
};

describe("the stored first-touch memory", () => {
  it("keeps one touch per project, CRM and record, replaced by the next write, and goes with its project", async () => {
    const { id } = await project("First touch memory");
    const monday = new Date("2026-11-23T09:00:00Z");
    await saveUtmTouch(id, "zoho", { entityKind: "contact", entityId: "k1", occurredAt: new Date("2026-11-24T09:00:00Z"), values: { UTM_Source: "facebook" } });
    await saveUtmTouch(id, "zoho", { entityKind: "contact", entityId: "k1", occurredAt: monday, values: { UTM_Source: "google", UTM_Medium: "cpc" } });
    await saveUtmTouch(id, "pipedrive", { entityKind: "contact", entityId: "k1", occurredAt: monday, values: { x: "other crm" } });
    await saveUtmTouch(id, "zoho", { entityKind: "deal", entityId: "d1", occurredAt: monday, values: { UTM_Source: "deal" } });
    expect(await findUtmTouches(id, "zoho", [{ kind: "contact", id: "k1" }, { kind: "contact", id: "unknown" }])).toEqual([
      { entityKind: "contact", entityId: "k1", occurredAt: monday, values: { UTM_Source: "google", UTM_Medium: "cpc" } },
    ]);
    expect(await findUtmTouches(id, "zoho", [])).toEqual([]);
    await db().project.delete({ where: { id } });
    expect(await db().utmTouch.count({ where: { projectId: id } })).toBe(0);
  });

  it("ignores a stored row whose values are not all text, rather than writing them into the CRM", async () => {
    const { id } = await project("First touch bad row");
    await db().utmTouch.create({ data: { projectId: id, crm: "zoho", entityKind: "contact", entityId: "k1", occurredAt: new Date(), values: { UTM_Source: 42 } } });
    expect(await findUtmTouches(id, "zoho", [{ kind: "contact", id: "k1" }])).toEqual([]);
  });
});

describe.each(["zoho", "pipedrive"] as const)("first touch in %s", (crm) => {
  let sandbox: SandboxHandle;
  let target: { id: string; key: string };
  let connector: CrmConnector;
  const field = (zoho: string, pipedrive: string) => (crm === "zoho" ? zoho : customKey(pipedrive));
  const UTM = { source: field("UTM_Source", "UTM source"), medium: field("UTM_Medium", "UTM medium"), campaign: field("UTM_Campaign", "UTM campaign") };
  const CALLER = "+380501239911";

  beforeAll(async () => {
    sandbox = await openSandbox(crm, "first-touch");
    const credentials: CrmCredentials = crm === "zoho" ? await zohoCredentials(sandbox) : await pipedriveCredentials(sandbox);
    target = await project(`First touch ${crm}`);
    await connectActive(target, credentials);
    connector = createConnector(credentials);
    await saveConfigSection(target, "defaultFields", { ...defaultConfig().defaultFields, contact: { ...defaultConfig().defaultFields.contact, utmSource: UTM.source, utmMedium: UTM.medium, utmCampaign: UTM.campaign } }, { userId: null, actor: "test" });
  });
  afterAll(() => sandbox.server.close());

  const call = (startedAt: string, utm: Record<string, string>) => {
    const parsed = parseEvent({ id: `${crm}-touch-${startedAt}`, type: "call", direction: "incoming", status: "missed", startedAt, caller: CALLER, callee: "+380441110000", line: "sales-1", utm });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    return parsed.event as ClientEvent;
  };

  /** One event through the worker's steps, with the memory loaded between find and decide. */
  const deliver = async (startedAt: string, utm: Record<string, string>) => {
    const event = call(startedAt, utm);
    const eventId = await insertTestEvent(target.id, event as unknown as Record<string, unknown>);
    const config = await loadConfig(target.id);
    const context = { projectId: target.id, crm, connector, country: "UA", trace: [] };
    const { found, keys } = await findExisting(context, event, config);
    const utmWritten = await loadUtmWritten(context, found);
    const metadata = await crmMetadata(target.id);
    const plan = decide({ event, config, found, utmWritten, pipelines: metadata?.pipelines ?? [], crmUsers: metadata?.users ?? [], defaultCountry: "UA", today: "2026-11-25" });
    await executePlan({ ...context, keys, eventId, connection: `test:${crm}` }, event, plan);
    return plan;
  };
  /** The contact's UTM fields as the CRM answers them (found by phone like any caller, without caching). */
  const tags = async () => {
    const { found } = await findExisting({ projectId: target.id, crm, connector, country: "UA", trace: [] }, call("2026-11-30T09:00:00Z", {}), await loadConfig(target.id), { remember: false });
    const contact = await connector.get("contact", found.contact!.id);
    const text = (key: string) => (contact!.fields[key] === null || contact!.fields[key] === undefined ? "" : String(contact!.fields[key]));
    return { id: contact!.id, source: text(UTM.source), medium: text(UTM.medium), campaign: text(UTM.campaign) };
  };

  it("the later call delivered first writes its tags; the earlier call, delivered after, replaces them with its own", async () => {
    await deliver("2026-11-24T09:00:00Z", { source: "facebook", medium: "social", campaign: "autumn" });
    expect(await tags()).toMatchObject({ source: "facebook", medium: "social", campaign: "autumn" });
    const { id } = await tags();
    expect(await db().utmTouch.findUniqueOrThrow({ where: { projectId_crm_entityKind_entityId: { projectId: target.id, crm, entityKind: "contact", entityId: id } } })).toMatchObject({
      occurredAt: new Date("2026-11-24T09:00:00Z"),
      values: { [UTM.source]: "facebook", [UTM.medium]: "social", [UTM.campaign]: "autumn" },
    });

    const plan = await deliver("2026-11-23T09:00:00Z", { source: "google", medium: "cpc" });
    expect(plan.notes).toContainEqual(expect.stringMatching(/^contact: UTM tags of an earlier touch/));
    // The Monday call had no campaign: the Tuesday call's campaign goes with the rest of its tags.
    expect(await tags()).toEqual({ id, source: "google", medium: "cpc", campaign: "" });
  });

  it("a later call changes nothing; an even earlier one replaces only what is still ours, never an admin's edit", async () => {
    await deliver("2026-11-25T09:00:00Z", { source: "bing", medium: "organic", campaign: "winter" });
    const { id } = await tags();
    expect(await tags()).toEqual({ id, source: "google", medium: "cpc", campaign: "" });
    // An admin corrects the medium in the CRM.
    await connector.update("contact", id, { fields: { [UTM.medium]: "partner" } });
    await deliver("2026-11-22T09:00:00Z", { source: "newsletter", medium: "email", campaign: "black-friday" });
    expect(await tags()).toEqual({ id, source: "newsletter", medium: "partner", campaign: "black-friday" });
    expect((await findUtmTouches(target.id, crm, [{ kind: "contact", id }]))[0]).toEqual({
      entityKind: "contact",
      entityId: id,
      occurredAt: new Date("2026-11-22T09:00:00Z"),
      values: { [UTM.source]: "newsletter", [UTM.campaign]: "black-friday" },
    });
  });
});
