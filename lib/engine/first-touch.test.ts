// First touch (issue 21, item 9): the CRM ends up with the tags of the client's earliest event, whatever
// order the events arrive in, and never loses a tag that an admin or another source wrote.
import { describe, expect, it } from "vitest";
import type { CrmRecord } from "@/lib/connectors/types";
import { defaultConfig } from "@/lib/config/defaults";
import type { ClientEvent } from "@/lib/validation/platform-event";
import { decide, type Step } from "./decide";
import { decideUtm, type UtmWritten } from "./first-touch";

const UTM = ["UTM_Source", "UTM_Medium", "UTM_Campaign"];
const record = (fields: Record<string, unknown>): CrmRecord => ({
  kind: "contact", id: "k1", name: "Client", ownerId: null, phones: ["+380671234567"], emails: [], organizationId: null, contactId: null, pipelineId: null, stageId: null, open: true, converted: false, fields,
});
const at = (iso: string) => new Date(iso);
const MONDAY = at("2026-11-23T09:00:00Z");
const TUESDAY = at("2026-11-24T09:00:00Z");
const WEDNESDAY = at("2026-11-25T09:00:00Z");

describe("the UTM rule with first touch (pure)", () => {
  const written: UtmWritten = { occurredAt: TUESDAY, values: { UTM_Source: "facebook", UTM_Medium: "social", UTM_Campaign: "autumn" } };
  const tuesdayTags = { UTM_Source: "facebook", UTM_Medium: "social", UTM_Campaign: "autumn" };

  it("a new entity gets the event's tags, remembered with the event's time", () => {
    expect(decideUtm({ tags: { UTM_Source: "google" }, utmFields: UTM, occurredAt: MONDAY, existing: null, written: null })).toEqual({
      fields: { UTM_Source: "google" },
      remember: { occurredAt: MONDAY, values: { UTM_Source: "google" } },
    });
  });

  it("an entity whose UTM fields are all empty gets them (the seed's rule)", () => {
    const decision = decideUtm({ tags: { UTM_Source: "google" }, utmFields: UTM, occurredAt: WEDNESDAY, existing: record({ UTM_Source: " ", UTM_Medium: null }), written });
    expect(decision.fields).toEqual({ UTM_Source: "google" });
    expect(decision.remember).toEqual({ occurredAt: WEDNESDAY, values: { UTM_Source: "google" } });
  });

  it("a later event leaves the tags of an earlier one alone", () => {
    expect(decideUtm({ tags: { UTM_Source: "bing" }, utmFields: UTM, occurredAt: WEDNESDAY, existing: record(tuesdayTags), written })).toEqual({ fields: {}, remember: null });
    // The same event again (a retry) is not earlier than itself.
    expect(decideUtm({ tags: tuesdayTags, utmFields: UTM, occurredAt: TUESDAY, existing: record(tuesdayTags), written })).toEqual({ fields: {}, remember: null });
  });

  it("an earlier event that arrives late replaces the tags the later one wrote, clearing those it has none for", () => {
    const decision = decideUtm({ tags: { UTM_Source: "google", UTM_Medium: "cpc" }, utmFields: UTM, occurredAt: MONDAY, existing: record(tuesdayTags), written });
    expect(decision.fields).toEqual({ UTM_Source: "google", UTM_Medium: "cpc", UTM_Campaign: "" });
    expect(decision.remember).toEqual({ occurredAt: MONDAY, values: { UTM_Source: "google", UTM_Medium: "cpc" } });
    expect(decision.note).toMatch(/earlier touch \(2026-11-23T09:00:00.000Z\) replace those of 2026-11-24T09:00:00.000Z/);
  });

  it("only those: a tag an admin changed since, or another source filled, stays", () => {
    // The admin corrected the campaign; the medium was filled by someone else into a field we never wrote.
    const ours: UtmWritten = { occurredAt: TUESDAY, values: { UTM_Source: "facebook", UTM_Campaign: "autumn" } };
    const decision = decideUtm({
      tags: { UTM_Source: "google", UTM_Medium: "cpc", UTM_Campaign: "spring" },
      utmFields: UTM,
      occurredAt: MONDAY,
      existing: record({ UTM_Source: "facebook", UTM_Medium: "newsletter", UTM_Campaign: "autumn-fixed" }),
      written: ours,
    });
    expect(decision.fields).toEqual({ UTM_Source: "google" });
    expect(decision.remember).toEqual({ occurredAt: MONDAY, values: { UTM_Source: "google" } });
  });

  it("tags someone else wrote entirely (nothing of ours left, or nothing remembered) stay, whatever the event's time", () => {
    expect(decideUtm({ tags: { UTM_Source: "google" }, utmFields: UTM, occurredAt: MONDAY, existing: record({ UTM_Source: "partner" }), written })).toEqual({ fields: {}, remember: null });
    expect(decideUtm({ tags: { UTM_Source: "google" }, utmFields: UTM, occurredAt: MONDAY, existing: record({ UTM_Source: "partner" }), written: null })).toEqual({ fields: {}, remember: null });
  });

  it("an earlier event without tags (a direct call) is no touch: it neither writes nor clears", () => {
    expect(decideUtm({ tags: {}, utmFields: UTM, occurredAt: MONDAY, existing: record(tuesdayTags), written })).toEqual({ fields: {}, remember: null });
  });

  it("an earlier event fills an empty field too when it replaces ours", () => {
    const decision = decideUtm({ tags: { UTM_Source: "google", UTM_Campaign: "spring" }, utmFields: UTM, occurredAt: MONDAY, existing: record({ UTM_Source: "facebook" }), written: { occurredAt: TUESDAY, values: { UTM_Source: "facebook" } } });
    expect(decision.fields).toEqual({ UTM_Source: "google", UTM_Campaign: "spring" });
  });
});

describe("decide() applies first touch to the entities it updates", () => {
  const config = defaultConfig();
  config.defaultFields.contact = { ...config.defaultFields.contact, utmSource: "UTM_Source", utmMedium: "UTM_Medium", utmCampaign: "UTM_Campaign" };
  const call = (startedAt: string, utm: Record<string, string>) =>
    ({ id: `c-${startedAt}`, type: "call", direction: "incoming", status: "answered", startedAt, caller: "+380671234567", callee: "+380441234567", line: "sales", utm }) as ClientEvent;
  const contactStep = (steps: Step[]) => steps.find((step) => (step.op === "update" || step.op === "create") && step.entity === "contact");
  const base = { config, pipelines: [], crmUsers: [], defaultCountry: "UA", today: "2026-11-25" };

  it("the earlier call's tags replace the later call's, and the plan says what to remember and why", () => {
    const found = { contact: record({ UTM_Source: "facebook", UTM_Medium: "social" }), organization: null, deal: null, lead: null };
    const plan = decide({ ...base, event: call("2026-11-23T09:00:00Z", { source: "google", medium: "cpc" }), found, utmWritten: { contact: { occurredAt: TUESDAY, values: { UTM_Source: "facebook", UTM_Medium: "social" } } } });
    expect(contactStep(plan.steps)).toMatchObject({ op: "update", id: "k1", values: { fields: { UTM_Source: "google", UTM_Medium: "cpc" } }, utmWritten: { occurredAt: MONDAY, values: { UTM_Source: "google", UTM_Medium: "cpc" } } });
    expect(plan.notes).toContainEqual(expect.stringMatching(/^contact: UTM tags of an earlier touch/));
  });

  it("without the memory (not loaded), the seed's rule alone: filled tags stay", () => {
    const found = { contact: record({ UTM_Source: "facebook", UTM_Medium: "social" }), organization: null, deal: null, lead: null };
    const plan = decide({ ...base, event: call("2026-11-23T09:00:00Z", { source: "google", medium: "cpc" }), found });
    expect(contactStep(plan.steps)).toBeUndefined();
  });

  it("a memory of another entity kind does not apply", () => {
    const found = { contact: record({ UTM_Source: "facebook" }), organization: null, deal: null, lead: null };
    const plan = decide({ ...base, event: call("2026-11-23T09:00:00Z", { source: "google" }), found, utmWritten: { deal: { occurredAt: TUESDAY, values: { UTM_Source: "facebook" } } } });
    expect(contactStep(plan.steps)).toBeUndefined();
  });
});
