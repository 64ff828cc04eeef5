// F23, one open task per client and rule: the tasks the client's rules wrote before, checked in the CRM
// (a task a user completed or deleted there no longer holds a new one back).
import type { TaskRule } from "@/lib/validation/vocabulary";
import type { CrmConnector } from "@/lib/connectors/types";
import { findRuleTasks, rememberRuleTask } from "@/lib/db/queries/open-tasks";
import { traced, type TraceEntry } from "./trace";
import { words } from "@/lib/i18n/words";

type Client = { projectId: string; connection: string; clientKey: string };

export async function openRuleTasks(context: { connector: CrmConnector; trace: TraceEntry[] }, client: Client): Promise<Set<TaskRule>> {
  const open = new Set<TaskRule>();
  for (const { rule, taskId } of await findRuleTasks(client)) {
    // A task the CRM will not show (another user's, deleted for good) holds nothing back, and must not fail
    // the event's contact, deal and call log: it counts as not open, and the trace says why.
    const stillOpen = await traced(context, "get", words("trace.get.taskOpen", { id: taskId, rule }), () => context.connector.isTaskOpen(taskId)).catch(() => false);
    if (stillOpen) open.add(rule);
  }
  return open;
}

export async function rememberRuleTasks(client: Client, tasks: Array<{ rule: TaskRule; id: string }>) {
  for (const task of tasks) await rememberRuleTask(client, task.rule, task.id);
}
