// What members run against the CRM on demand (the dry run, Test connection), each within
// CRM_CHECKS_PER_USER_PER_MINUTE: every run costs the CRM account's own API budget, shared with deliveries.
import { simulateEvent } from "@/lib/engine/simulate";
import { admitCrmCheck } from "@/lib/quotas/tenant-quotas";
import { testIntegration } from "./connect";

export async function testConnectionAs(projectId: string, userId: string) {
  await admitCrmCheck("test-connection", userId);
  return testIntegration(projectId);
}

export async function dryRunAs(project: Parameters<typeof simulateEvent>[0], raw: unknown, userId: string) {
  await admitCrmCheck("dry-run", userId);
  return simulateEvent(project, raw);
}
