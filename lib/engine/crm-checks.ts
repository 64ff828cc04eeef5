// What members run against the CRM on demand (the dry run, Test connection), each within
// CRM_CHECKS_PER_USER_PER_MINUTE: every run costs the CRM account's own API budget, shared with deliveries.
import { simulateEvent } from "@/lib/engine/simulate";
import { admitCrmCheck } from "@/lib/quotas/tenant-quotas";
import { testIntegration } from "@/lib/integrations/connect";

/** `recover`: the member may change the integration's status (a broken one whose credentials work again). */
export async function testConnectionAs(projectId: string, userId: string, recover?: Parameters<typeof testIntegration>[1]) {
  await admitCrmCheck("test-connection", userId);
  return testIntegration(projectId, recover);
}

export async function dryRunAs(project: Parameters<typeof simulateEvent>[0], raw: unknown, userId: string) {
  await admitCrmCheck("dry-run", userId);
  return simulateEvent(project, raw);
}
