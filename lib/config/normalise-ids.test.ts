import { describe, expect, it } from "vitest";
import type { CrmField } from "@/lib/connectors/types";
import type { CrmMetadata } from "./crm-checks";
import { defaultConfig } from "./defaults";
import { normaliseIds } from "./normalise-ids";

const field = (key: string, label: string): CrmField => ({ key, label, type: "text", custom: true, isString: true, readOnly: false });
const metadata: CrmMetadata = {
  fields: { lead: [], contact: [field("cf_1", "Client ID"), field("cf_2", "Source"), field("cf_3", "source")], organization: [], deal: [] },
  pipelines: [
    { id: "10", name: "Sales", isDefault: true, stages: [{ id: "101", name: "Qualification", order: 1, state: "open" }] },
    { id: "20", name: "Partners", isDefault: false, stages: [{ id: "201", name: "Qualification", order: 1, state: "open" }] },
  ],
  users: [{ id: "7", name: "Olena Koval", email: "olena.koval@callbridge.local", active: true }],
};

describe("normaliseIds", () => {
  it("turns names into the CRM's ids, a stage within its own pipeline", () => {
    const config = defaultConfig();
    config.mappings.call.contact = [{ field: "client id", source: { type: "variable", name: "clientId" } }];
    config.stageRules = [{ id: "r", pipelineId: "Partners", stageId: "Qualification", variable: "pool", operator: "equals", value: "x" }];
    config.employees = [{ id: "e", name: "Olena", email: "", sip: "olena", crmUserId: "OLENA.KOVAL@callbridge.local" }];
    const normalised = normaliseIds(config, metadata);
    expect(normalised.mappings.call.contact[0]!.field).toBe("cf_1");
    expect(normalised.stageRules[0]).toMatchObject({ pipelineId: "20", stageId: "201" });
    expect(normalised.employees[0]!.crmUserId).toBe("7");
  });

  it("keeps ids, unknown names and names that match more than one object as they are", () => {
    const config = defaultConfig();
    config.mappings.call.contact = [
      { field: "cf_2", source: { type: "constant", value: "a" } },
      { field: "SOURCE", source: { type: "constant", value: "b" } },
      { field: "Nope", source: { type: "constant", value: "c" } },
    ];
    config.stageRules = [{ id: "r", pipelineId: "10", stageId: "Unknown", variable: "pool", operator: "equals", value: "x" }];
    const normalised = normaliseIds(config, metadata);
    expect(normalised.mappings.call.contact.map((row) => row.field)).toEqual(["cf_2", "SOURCE", "Nope"]);
    expect(normalised.stageRules[0]).toMatchObject({ pipelineId: "10", stageId: "Unknown" });
  });
});
