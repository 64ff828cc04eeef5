// F23, Ringostat's task rules, decided after the entities: the missed-call task (the matrix's task column)
// for the responsible manager; for an answered incoming call, a task for the caller's responsible manager
// when another employee answered, or for the top manager when the answering employee is unknown. Each due
// as its rule says (task-due.ts), and none while the client's earlier task of the rule is still open. Pure.
import type { CrmRecord, CrmUser } from "@/lib/connectors/types";
import type { TaskRule } from "@/lib/validation/vocabulary";
import type { ClientEvent } from "@/lib/validation/platform-event";
import type { IntegrationConfig, MatrixRow } from "@/lib/validation/config";
import type { crmTexts } from "./crm-texts";
import type { PlanLinks, Step } from "./decide";
import { dueOf } from "./task-due";

export interface TaskRuleInput {
  event: ClientEvent;
  config: IntegrationConfig;
  row: MatrixRow;
  /** The caller's contact as found before this event (its owner is the responsible manager). */
  contact: CrmRecord | null;
  /** The CRM user of the employee on the event (the answering one), when known. */
  responsible: string | undefined;
  /** The top ("fallback") manager's CRM user. */
  topManager: string | undefined;
  crmUsers: CrmUser[];
  client: { name: string; phone: string | null };
  links: PlanLinks;
  texts: ReturnType<typeof crmTexts>;
  today: string;
  /** With the project's zone, the rules' due times; without (a test of decide alone), due today. */
  clock?: { now: Date; timeZone: string };
  /** Rules whose earlier task for this client is still open in the CRM (one open task per client and rule). */
  openTasks?: ReadonlySet<TaskRule>;
}

type TaskStep = Extract<Step, { op: "task" }>;

function due(input: TaskRuleInput, rule: TaskRule | null): Pick<TaskStep, "dueDate" | "dueAt"> {
  if (!rule || !input.clock) return { dueDate: input.today };
  const { due: setting } = input.config.taskRules[rule];
  const at = dueOf(setting, input.clock.now, input.clock.timeZone, input.config.taskRules.businessDayEnd);
  return { dueDate: at.date, dueAt: at.at };
}

/**
 * The rules that could write a task for this event, before anything is looked up: only for these is the
 * client's earlier task read back from the CRM (one open task per client and rule).
 */
export function rulesThatMayFire(event: ClientEvent, row: MatrixRow, taskRules: IntegrationConfig["taskRules"]): TaskRule[] {
  if (event.type !== "call") return [];
  const rules: TaskRule[] = [];
  if (row.task === "create" && event.status === "missed") rules.push("missed");
  if (event.direction === "incoming" && (event.status ?? "answered") === "answered") {
    if (taskRules.otherAnswered.enabled) rules.push("otherAnswered");
    if (taskRules.unknownEmployee.enabled) rules.push("unknownEmployee");
  }
  return rules;
}

export function decideTasks(input: TaskRuleInput): { steps: TaskStep[]; notes: string[] } {
  const { event, config, texts, client } = input;
  const steps: TaskStep[] = [];
  const notes: string[] = [];
  const add = (rule: TaskRule | null, subject: string, ownerId: string | undefined) => {
    if (rule && config.taskRules.onePerClient && input.openTasks?.has(rule)) {
      notes.push(`task (${rule}): the client's earlier task is still open in the CRM`);
      return;
    }
    steps.push({ op: "task", subject, ...due(input, rule), ownerId, links: { ...input.links }, ...(rule ? { rule } : {}) });
  };

  if (input.row.task === "create") {
    // The matrix's task goes to the responsible manager (the contact's owner), else the employee, else the top manager.
    const owner = input.contact?.ownerId ?? input.responsible ?? input.topManager;
    if (event.type !== "call") add(null, texts.followUp(client.name), owner);
    else if (event.status === "missed") add("missed", client.phone ? texts.callBack(client.phone) : texts.missedHidden(event.caller), owner);
    else add(null, texts.followUpCall(client.name), owner);
  }
  if (event.type === "call" && event.direction === "incoming" && (event.status ?? "answered") === "answered") {
    const manager = input.contact?.ownerId ?? undefined;
    if (config.taskRules.otherAnswered.enabled && manager && input.responsible && manager !== input.responsible) {
      const employee = input.crmUsers.find((user) => user.id === input.responsible)?.name ?? event.employee?.sip ?? event.employee?.email ?? "";
      add("otherAnswered", texts.talkedToOther(client.name, employee), manager);
    }
    // Unknown: no employee on the call, or one the project does not list (by SIP login or e-mail).
    const employee = event.employee;
    const known = employee && config.employees.some((candidate) => (employee.sip && candidate.sip === employee.sip) || (employee.email && candidate.email === employee.email.toLowerCase()));
    if (config.taskRules.unknownEmployee.enabled && !known) {
      if (input.topManager) add("unknownEmployee", texts.unknownAnswered(client.name), input.topManager);
      else notes.push("task (unknownEmployee): no top manager is set on the Routing page");
    }
  }
  return { steps, notes };
}
