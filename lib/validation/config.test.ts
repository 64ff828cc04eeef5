import { describe, expect, it } from "vitest";
import { defaultConfig } from "@/lib/config/defaults";
import { employeesSchema, integrationConfigSchema, mappingTabSchema, matrixSchema, routingSchema } from "./config";
import { stopListSchema } from "./stop-list";

const messages = (result: { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } }) =>
  result.success ? [] : result.error!.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);

describe("configuration schemas", () => {
  it("accept the default configuration", () => {
    expect(integrationConfigSchema.parse(defaultConfig())).toEqual(defaultConfig());
  });

  it("matrix: one row per trigger, one action per entity; a task cannot be 'update'", () => {
    const matrix = defaultConfig().matrix;
    const form = matrix.findIndex((row) => row.trigger === "form");
    const change = (patch: object) => matrix.map((row, index) => (index === form ? { ...row, ...patch } : row));
    expect(messages(matrixSchema.safeParse(change({ task: "update" })))).toEqual([`${form}.task: validation.taskUpdate`]);
    expect(messages(matrixSchema.safeParse(change({ deal: "upsert" })))[0]).toMatch(new RegExp(`^${form}\\.deal:`));
    expect(messages(matrixSchema.safeParse(matrix.slice(1)))).toEqual([": validation.missingTrigger"]);
  });

  it("mapping tab: the same CRM field twice is rejected on the second row", () => {
    const row = (field: string) => ({ field, source: { type: "constant", value: "x" } });
    expect(messages(mappingTabSchema.safeParse([row("a"), row("b"), row("a")]))).toEqual(["2.field: validation.duplicateField"]);
    expect(messages(mappingTabSchema.safeParse([{ field: "a", source: { type: "form_field", names: [] } }]))).toEqual(["0.source.names: validation.formFields"]);
  });

  it("mappings and stage rules read only variables the platform sends: a channel's own, or a custom variables.<name>", () => {
    const config = defaultConfig();
    const variable = (name: string) => ({ field: `field-${name}`, source: { type: "variable" as const, name } });
    config.mappings.call.contact = [variable("utm.source"), variable("utm_source"), variable("variables.campaign_id")];
    config.mappings.form.deal = [variable("pool"), variable("client_id"), variable("variables.x")];
    config.stageRules = [
      { id: "a", pipelineId: "p", stageId: "s", variable: "pool", operator: "equals", value: "x" },
      { id: "b", pipelineId: "p", stageId: "s", variable: "formName", operator: "equals", value: "x" },
      { id: "c", pipelineId: "p", stageId: "s", variable: "variables.score", operator: "equals", value: "x" },
      { id: "d", pipelineId: "p", stageId: "s", variable: "utm_source", operator: "equals", value: "x" },
    ];
    expect(messages(integrationConfigSchema.safeParse(config))).toEqual([
      "mappings.call.contact.1.source.name: validation.unknownVariable",
      // A call's pool is not sent with a form.
      "mappings.form.deal.0.source.name: validation.unknownVariable",
      "mappings.form.deal.1.source.name: validation.unknownVariable",
      "stageRules.3.variable: validation.unknownVariable",
    ]);
  });

  it("default parameters: one CRM field per parameter, not also a mapping row's; absent in older documents means none", () => {
    const config = defaultConfig();
    config.defaultFields.contact = { ...config.defaultFields.contact, utmSource: "UTM_Source", utmMedium: "UTM_Source" };
    config.mappings.form.contact = [{ field: "UTM_Source", source: { type: "constant", value: "x" } }];
    expect(messages(integrationConfigSchema.safeParse(config))).toEqual([
      "defaultFields.contact.utmMedium: validation.duplicateField",
      "mappings.form.contact.0.field: validation.defaultFieldMapped",
      "defaultFields.contact.utmSource: validation.mappedFieldDefault",
      "defaultFields.contact.utmMedium: validation.mappedFieldDefault",
    ]);
    const older: Partial<ReturnType<typeof defaultConfig>> = defaultConfig();
    delete older.defaultFields;
    expect(integrationConfigSchema.parse(older).defaultFields).toEqual(defaultConfig().defaultFields);
  });

  it("stop-list: SIP logins, FMC numbers with their SIP pair, no duplicates", () => {
    expect(messages(stopListSchema.safeParse([{ id: "1", kind: "sip", value: "office-101" }]))).toEqual([]);
    expect(messages(stopListSchema.safeParse([{ id: "1", kind: "fmc", value: "+380 67 123 45 67", sipPair: "office-101" }]))).toEqual([]);
    expect(messages(stopListSchema.safeParse([{ id: "1", kind: "fmc", value: "12345", sipPair: "office-101" }]))).toEqual(["0.value: validation.phone"]);
    expect(messages(stopListSchema.safeParse([{ id: "1", kind: "fmc", value: "+380671234567" }]))).toEqual(["0.sipPair: Invalid input: expected string, received undefined"]);
    expect(messages(stopListSchema.safeParse([{ id: "1", kind: "sip", value: "bad login!" }]))).toEqual(["0.value: validation.sipLogin"]);
    expect(messages(stopListSchema.safeParse([{ id: "1", kind: "sip", value: "a1" }, { id: "2", kind: "sip", value: "A1" }]))).toEqual(["1.value: validation.duplicateEntry"]);
  });

  it("employees: unique e-mails and SIP logins", () => {
    const employee = (id: string, email: string, sip = "") => ({ id, name: "N", email, sip });
    expect(messages(employeesSchema.safeParse([employee("1", "a@x.com", "s1"), employee("2", "A@x.com", "s1")]))).toEqual(["1.email: validation.duplicateEmail", "1.sip: validation.duplicateSip"]);
  });

  it("routing: a non-empty order without repeats, a time budget between 100 ms and 10 s, a fallback that exists", () => {
    const routing = defaultConfig().routing;
    expect(messages(routingSchema.safeParse({ ...routing, order: [] }))).toEqual(["order: validation.routingOrder"]);
    expect(messages(routingSchema.safeParse({ ...routing, order: ["deal", "deal"] }))).toEqual(["order: validation.routingOrder"]);
    expect(messages(routingSchema.safeParse({ ...routing, timeoutMs: 20_000 }))).toEqual(["timeoutMs: validation.timeout"]);
    expect(messages(integrationConfigSchema.safeParse({ ...defaultConfig(), routing: { ...routing, fallbackEmployeeId: "ghost" } }))).toEqual(["routing.fallbackEmployeeId: validation.unknownEmployee"]);
  });
});
