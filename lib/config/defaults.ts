// A new project's configuration: the seeds' usual set-up (contact and deal for calls and forms, a task
// for missed calls), nothing mapped yet, routing off.
import type { IntegrationConfig } from "@/lib/validation/config";

export function defaultConfig(): IntegrationConfig {
  const row = (contact: "create" | "update" | "none", deal: "create" | "update" | "none", task: "create" | "none" = "none") => ({
    lead: "none" as const,
    contact,
    organization: "none" as const,
    deal,
    task,
  });
  const emptyTabs = () => ({ lead: [], contact: [], organization: [], deal: [] });
  return {
    matrix: {
      "call.incoming.answered": row("create", "create"),
      "call.incoming.missed": row("create", "create", "create"),
      "call.outgoing.answered": row("update", "none"),
      "call.outgoing.missed": row("update", "none"),
      form: row("create", "create"),
      messenger: row("create", "create"),
    },
    mappings: { call: emptyTabs(), form: emptyTabs(), messenger: emptyTabs() },
    stageRules: [],
    stopList: [],
    messengers: { channels: { telegram: false, viber: false, facebook: false }, chatBots: { telegram: false, viber: false, facebook: false } },
    forms: { phoneFields: ["tel", "phone"], emailFields: ["email"] },
    employees: [],
    routing: { enabled: false, mode: "crm_owner", order: ["contact", "organization", "deal"], fallbackEmployeeId: "", timeoutMs: 1500 },
  };
}
