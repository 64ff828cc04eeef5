// How much of the CRM's daily API allowance the last 24 hours of calls used, as far as Callbridge can tell
// from its own traces (each step is one call) and what the CRM documents.
import type { CrmKind } from "@/lib/connectors/types";
import { PIPEDRIVE_DAILY_TOKENS_PER_SEAT, PIPEDRIVE_SEARCH_TOKENS } from "@/lib/connectors/pipedrive/budget";
import { zohoDailyCredits } from "@/lib/connectors/zoho/budget";

export interface BudgetUse {
  /** "credits" (Zoho: one per call) or "tokens" (Pipedrive: only the searches' known cost is counted). */
  unit: "credits" | "tokens";
  used: number;
  /** The least the account is allowed per day. */
  allowance: number;
  share: number;
}

export function budgetUse(crm: CrmKind, calls: { calls: number; searches: number }, edition?: string | null): BudgetUse {
  const [unit, used, allowance] =
    crm === "zoho" ? (["credits", calls.calls, zohoDailyCredits(edition)] as const) : (["tokens", calls.searches * PIPEDRIVE_SEARCH_TOKENS, PIPEDRIVE_DAILY_TOKENS_PER_SEAT] as const);
  return { unit, used, allowance, share: allowance ? used / allowance : 0 };
}
