import { describe, expect, it } from "vitest";
import type { CrmPipeline, CrmRecord } from "@/lib/connectors/types";
import { defaultConfig } from "@/lib/config/defaults";
import type { ClientEvent } from "@/lib/validation/platform-event";
import type { IntegrationConfig } from "@/lib/validation/config";
import { decide, type DecideInput } from "./decide";

const pipelines: CrmPipeline[] = [
  { id: "p1", name: "Default", isDefault: true, stages: [{ id: "Qualification", name: "Qualification", order: 1, state: "open" }, { id: "Identify Decision Makers", name: "Identify Decision Makers", order: 2, state: "open" }] },
];
const users = [{ id: "u1", name: "Olena", email: "olena@example.com", active: true }, { id: "u2", name: "Top", email: "top@example.com", active: true }];
const record = (kind: CrmRecord["kind"], id: string, patch: Partial<CrmRecord> = {}): CrmRecord => ({
  kind,
  id,
  name: "Existing",
  ownerId: "u9",
  phones: [],
  emails: [],
  organizationId: null,
  contactId: null,
  pipelineId: null,
  stageId: null,
  open: true,
  converted: false,
  fields: {},
  ...patch,
});
const call = (patch: Record<string, unknown> = {}) =>
  ({ id: "c1", type: "call", direction: "incoming", status: "answered", startedAt: "2026-11-21T10:00:00Z", caller: "067 123 45 67", callee: "+380441234567", line: "sales", employee: { sip: "olena" }, pool: "Контекстна реклама", recordingUrl: "https://rec.example.com/1.mp3", ...patch }) as ClientEvent;

function input(event: ClientEvent, configure: (config: IntegrationConfig) => void = () => {}, found: Partial<DecideInput["found"]> = {}): DecideInput {
  const config = defaultConfig();
  config.employees = [
    { id: "e1", name: "Olena", email: "olena@example.com", sip: "olena", crmUserId: "" },
    { id: "e2", name: "Top", email: "top@example.com", sip: "top", crmUserId: "" },
  ];
  config.stageRules = [{ id: "r", pipelineId: "p1", stageId: "Identify Decision Makers", variable: "pool", operator: "equals", value: "Контекстна реклама" }];
  configure(config);
  return { event, config, found: { contact: null, organization: null, deal: null, lead: null, ...found }, pipelines, crmUsers: users, defaultCountry: "UA", today: "2026-11-21" };
}

describe("decide", () => {
  it.each(["anonymous", "abc", "+"])("a caller %j that is not a phone number: no contact or deal, the call logged unlinked and a task for a missed call", (caller) => {
    const answered = decide(input(call({ caller, recordingUrl: undefined })));
    expect(answered.steps).toEqual([{ op: "callLog", subject: "Incoming call", ownerId: "u1", links: {} }]);
    expect(answered.notes).toEqual([`caller "${caller}" is not a phone number: no contact, lead or deal is created or matched`]);
    const missed = decide(input(call({ caller, status: "missed", recordingUrl: undefined })));
    expect(missed.steps.map((step) => step.op)).toEqual(["task", "callLog"]);
    expect(missed.steps[0]).toMatchObject({ subject: `Missed call from a hidden number (${caller})`, links: {} });
  });

  it("new caller, answered call: contact, deal in the stage the rules say, call log and recording, linked", () => {
    const plan = decide(input(call()));
    expect(plan.trigger).toBe("call.incoming.answered");
    expect(plan.steps).toEqual([
      { op: "create", entity: "contact", values: { name: "Call from 067 123 45 67", phones: ["+380671234567"], emails: undefined, ownerId: "u1", organization: undefined, fields: {} } },
      { op: "create", entity: "deal", values: expect.objectContaining({ contact: { ref: "contact" }, pipelineId: "p1", stageId: "Identify Decision Makers", ownerId: "u1", fields: {} }) },
      { op: "callLog", subject: "Incoming call", ownerId: "u1", links: { contact: { ref: "contact" }, deal: { ref: "deal" } } },
      { op: "recording", url: "https://rec.example.com/1.mp3" },
    ]);
  });

  it("repeat caller with an open deal: nothing created, the call log links the found ids", () => {
    const plan = decide(input(call(), () => {}, { contact: record("contact", "k1"), deal: record("deal", "d1") }));
    expect(plan.steps.filter((step) => step.op === "create")).toEqual([]);
    expect(plan.steps.find((step) => step.op === "callLog")).toMatchObject({ links: { contact: { id: "k1" }, deal: { id: "d1" } } });
  });

  it("maps variables, constants and form fields; UTM only into an entity whose UTM fields are all empty (F8)", () => {
    const configure = (config: IntegrationConfig) => {
      config.mappings.call.contact = [
        { field: "UTM_Source", source: { type: "variable", name: "utm.source" } },
        { field: "UTM_Medium", source: { type: "variable", name: "utm.medium" } },
        { field: "Client_ID", source: { type: "variable", name: "clientId" } },
        { field: "Channel", source: { type: "constant", value: "phone" } },
      ];
    };
    const event = call({ utm: { source: "google", medium: "cpc" }, clientId: "GA1.2" });
    const fresh = decide(input(event, configure, { contact: record("contact", "k1", { fields: { UTM_Source: null, UTM_Medium: "" } }) }));
    expect(fresh.steps[0]).toEqual({
      op: "update",
      entity: "contact",
      id: "k1",
      values: { fields: { UTM_Source: "google", UTM_Medium: "cpc", Client_ID: "GA1.2", Channel: "phone" } },
      // What the executor remembers once the CRM took it: these tags, from this event's time (first touch).
      utmWritten: { occurredAt: new Date("2026-11-21T10:00:00Z"), values: { UTM_Source: "google", UTM_Medium: "cpc" } },
    });
    const tagged = decide(input(event, configure, { contact: record("contact", "k1", { fields: { UTM_Source: "facebook" } }) }));
    expect(tagged.steps[0]).toEqual({ op: "update", entity: "contact", id: "k1", values: { fields: { Client_ID: "GA1.2", Channel: "phone" } } });
  });

  it("default parameters (F3) send UTM tags and the client id of every channel without mapping rows, under the same UTM rule (F8)", () => {
    const configure = (config: IntegrationConfig) => {
      config.defaultFields.contact = { ...config.defaultFields.contact, utmSource: "UTM_Source", utmCampaign: "UTM_Campaign", clientId: "Client_ID" };
      config.defaultFields.deal = { ...config.defaultFields.deal, utmSource: "UTM_Source" };
      config.mappings.form.contact = [{ field: "Channel", source: { type: "constant", value: "site" } }];
    };
    const form: ClientEvent = { id: "f1", type: "form", formName: "Order", submittedAt: "2026-11-21T10:00:00Z", fields: { phone: "+380671234567" }, utm: { source: "google", campaign: "spring" }, clientId: "GA1.9" } as ClientEvent;
    const created = decide(input(form, configure));
    expect(created.steps.find((step) => step.op === "create" && step.entity === "contact")).toMatchObject({ values: { fields: { UTM_Source: "google", UTM_Campaign: "spring", Client_ID: "GA1.9", Channel: "site" } } });
    expect(created.steps.find((step) => step.op === "create" && step.entity === "deal")).toMatchObject({ values: { fields: { UTM_Source: "google" } } });
    // An existing contact with a UTM tag keeps its tags; the client id is still written.
    const tagged = decide(input(call({ utm: { source: "bing" }, clientId: "GA1.9" }), configure, { contact: record("contact", "k1", { fields: { UTM_Campaign: "autumn" } }) }));
    expect(tagged.steps[0]).toEqual({ op: "update", entity: "contact", id: "k1", values: { fields: { Client_ID: "GA1.9" } } });
  });

  it("writes names and subjects into the CRM in the project's CRM language", () => {
    const missed = call({ status: "missed" });
    const english = decide(input(missed));
    const ukrainian = decide({ ...input(missed), language: "uk" });
    const polish = decide({ ...input(missed), language: "pl" });
    expect(english.steps.find((step) => step.op === "callLog")).toMatchObject({ subject: "Incoming call (missed)" });
    expect(ukrainian.steps.find((step) => step.op === "callLog")).toMatchObject({ subject: "Вхідний дзвінок (пропущений)" });
    expect(polish.steps.find((step) => step.op === "callLog")).toMatchObject({ subject: "Połączenie przychodzące (nieodebrane)" });
    expect(ukrainian.steps.find((step) => step.op === "task")).toMatchObject({ subject: expect.stringMatching(/^Передзвонити \+380\d+: пропущений дзвінок$/) });
    expect(ukrainian.steps.find((step) => step.op === "create" && step.entity === "contact")).toMatchObject({ values: { name: expect.stringMatching(/^Дзвінок з /) } });
    expect(polish.steps.find((step) => step.op === "create" && step.entity === "deal")).toMatchObject({ values: { name: expect.stringMatching(/^Połączenie od .* — połączenie$/) } });
  });

  it("a custom variable the platform sends in `variables` fills the row that names it variables.<name>", () => {
    const plan = decide(
      input(call({ variables: { campaign_id: "C-17" } }), (config) => {
        config.mappings.call.contact = [{ field: "Campaign", source: { type: "variable", name: "variables.campaign_id" } }];
      }),
    );
    expect(plan.steps.find((step) => step.op === "create" && step.entity === "contact")).toMatchObject({ values: { fields: { Campaign: "C-17" } } });
  });

  it("update-only entities are never created; a converted lead is left alone", () => {
    const updateOnly = decide(input(call(), (config) => (config.matrix[0] = { ...config.matrix[0]!, contact: "update", deal: "none" })));
    expect(updateOnly.steps.map((step) => step.op)).toEqual(["callLog", "recording"]);
    expect(updateOnly.notes).toContain("contact: nothing to update (not found)");
    const withLead = decide(
      input(call(), (config) => {
        config.matrix[0] = { ...config.matrix[0]!, lead: "create" };
        config.mappings.call.lead = [{ field: "Pool", source: { type: "variable", name: "pool" } }];
      }, { lead: record("lead", "l1", { converted: true }) }),
    );
    expect(withLead.steps.some((step) => step.op === "update" && step.entity === "lead")).toBe(false);
    expect(withLead.notes).toContain("lead: converted in the CRM, left alone");
  });

  it("missed call: a task to the contact's owner, or to the fallback manager for an unknown caller", () => {
    const known = decide(input(call({ status: "missed", employee: undefined }), () => {}, { contact: record("contact", "k1", { ownerId: "u7" }) }));
    expect(known.steps.find((step) => step.op === "task")).toMatchObject({ ownerId: "u7", dueDate: "2026-11-21", links: { contact: { id: "k1" } } });
    const unknown = decide(input(call({ status: "missed", employee: undefined }), (config) => (config.routing.fallbackEmployeeId = "e2")));
    expect(unknown.steps.find((step) => step.op === "task")).toMatchObject({ ownerId: "u2", subject: "Call back +380671234567: missed call" });
  });

  it("a deal without a contact is created without the organization link (seed)", () => {
    const plan = decide(input(call(), (config) => (config.matrix[0] = { ...config.matrix[0]!, organization: "create", contact: "none" })));
    expect(plan.steps[0]).toMatchObject({ op: "create", entity: "organization" });
    expect(plan.steps[1]).toMatchObject({ op: "create", entity: "deal", values: { contact: undefined, organization: undefined } });
  });

  it("forms: phone from tel, then phone; e-mail; form-field mappings with several names", () => {
    const form = { id: "f1", type: "form", submittedAt: "2026-11-21T10:00:00Z", formName: "Contact us", fields: { phone: "050 111 22 33", "e-mail": "ivan@example.com", email: "ivan@example.com", name: "Ivan", pool_name: "Ads" } } as ClientEvent;
    const plan = decide(input(form, (config) => (config.mappings.form.deal = [{ field: "Pool", source: { type: "form_field", names: ["pool", "pool_name"] } }])));
    expect(plan.trigger).toBe("form");
    expect(plan.steps[0]).toMatchObject({ op: "create", entity: "contact", values: { name: "Ivan", phones: ["+380501112233"], emails: ["ivan@example.com"] } });
    expect(plan.steps[1]).toMatchObject({ op: "create", entity: "deal", values: { fields: { Pool: "Ads" }, stageId: "Qualification" } });
    expect(plan.steps.some((step) => step.op === "callLog")).toBe(false);
  });

  it("forms: the client's name from the configured name fields; without one, the contact is named by the phone, not the form", () => {
    const form = (fields: Record<string, string>) => ({ id: "f2", type: "form", submittedAt: "2026-11-21T10:00:00Z", formName: "Newsletter", fields }) as ClientEvent;
    const named = decide(input(form({ phone: "050 111 22 33", imie: "Iryna" }), (config) => (config.forms.nameFields = ["imie"])));
    expect(named.steps[0]).toMatchObject({ op: "create", entity: "contact", values: { name: "Iryna" } });
    const unnamed = decide(input(form({ phone: "050 111 22 33" })));
    expect(unnamed.steps[0]).toMatchObject({ op: "create", entity: "contact", values: { name: "Form: 050 111 22 33" } });
  });
});
