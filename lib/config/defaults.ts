// A new project's configuration: the seeds' usual set-up (contact and deal for calls and forms, a task
// for missed calls), nothing mapped yet, routing off.
import { defaultFieldsSchema, TASK_RULES_DEFAULT, type IntegrationConfig } from "@/lib/validation/config";
import type { Trigger } from "@/lib/validation/vocabulary";

export function defaultConfig(): IntegrationConfig {
  const row = (trigger: Trigger, contact: "create" | "update" | "none", deal: "create" | "update" | "none", task: "create" | "none" = "none") => ({
    trigger,
    lead: "none" as const,
    contact,
    organization: "none" as const,
    deal,
    task,
    when: "completed" as const,
  });
  const emptyTabs = () => ({ lead: [], contact: [], organization: [], deal: [] });
  return {
    matrix: [
      row("call.incoming.answered", "create", "create"),
      row("call.incoming.missed", "create", "create", "create"),
      row("call.outgoing.answered", "update", "none"),
      row("call.outgoing.missed", "update", "none"),
      row("form", "create", "create"),
      row("messenger", "create", "create"),
    ],
    defaultFields: defaultFieldsSchema.parse(undefined),
    mappings: { call: emptyTabs(), form: emptyTabs(), messenger: emptyTabs() },
    stageRules: [],
    stopList: [],
    messengers: { channels: { telegram: false, viber: false, facebook: false }, chatBots: { telegram: false, viber: false, facebook: false } },
    forms: { phoneFields: ["tel", "phone"], emailFields: ["email"], nameFields: ["name", "fullname", "your-name"] },
    employees: [],
    routing: { enabled: false, mode: "crm_owner", order: ["contact", "organization", "deal"], fallbackEmployeeId: "", timeoutMs: 1500 },
    matching: { deals: "recent", contacts: "recent" },
    taskRules: structuredClone(TASK_RULES_DEFAULT),
  };
}
