// How much of the CRM's daily API allowance the last 24 hours of calls used, as far as Callbridge can tell
// from its own traces (each step is one call) and what the CRM documents (its descriptor's budget).
import type { BudgetUse as CrmBudgetUse } from "@/lib/connectors/descriptor";
import { crmDescriptor } from "@/lib/connectors/registry";
import type { CrmKind } from "@/lib/connectors/types";

export interface BudgetUse extends CrmBudgetUse {
  share: number;
}

export function budgetUse(crm: CrmKind, calls: { calls: number; searches: number }, edition?: string | null): BudgetUse {
  const use = crmDescriptor(crm).budget(calls, edition);
  return { ...use, share: use.allowance ? use.used / use.allowance : 0 };
}
