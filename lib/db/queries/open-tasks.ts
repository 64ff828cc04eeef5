// F23: the task each rule last wrote for a client on a CRM connection (one open task per client and rule).
import type { TaskRule } from "@/lib/validation/vocabulary";
import { db } from "../client";

type Client = { projectId: string; connection: string; clientKey: string };

export async function findRuleTasks(client: Client): Promise<Array<{ rule: TaskRule; taskId: string }>> {
  const rows = await db().openTask.findMany({ where: client, select: { rule: true, taskId: true } });
  return rows.map((row) => ({ rule: row.rule as TaskRule, taskId: row.taskId }));
}

export async function rememberRuleTask(client: Client, rule: TaskRule, taskId: string) {
  await db().openTask.upsert({ where: { projectId_connection_clientKey_rule: { ...client, rule } }, create: { ...client, rule, taskId }, update: { taskId, createdAt: new Date() } });
}
