// Pipedrive's company-wide quotas in the sandbox, checked before a request reaches its route:
// - 402 for a company whose billing lapsed ("Company account is not open"),
// - the daily token budget: each call costs its documented tokens (x-token-cost in Pipedrive's OpenAPI
//   specs: v1 get 2 / list 20 / write 10 / delete 6, v2 get 1 / list 10 / write 5 / delete 3 / pipelines
//   and stages 5, any search 40), the budget resets at midnight in the company's time zone, and once it
//   is spent every call answers 429 until then.
// Every answer announces the budget in x-daily-ratelimit-token-limit / x-daily-ratelimit-token-remaining,
// the names the live API sends (the rate-limiting page documents only the older x-daily-requests-left,
// a POST/PUT counter of the former fair-usage limit). Pipedrive sends no header for the daily reset.
// https://pipedrive.readme.io/docs/core-api-concepts-rate-limiting
import { spendSandboxBudget } from "@/lib/db/queries/sandbox-pipedrive-company";
import { json } from "../http";
import { companyDay, companySchema, readCompany } from "./company";

export function tokenCost(method: string, path: string): number {
  if (/\/(search|itemSearch)$/.test(path)) return 40;
  const v2 = path.startsWith("/api/v2/");
  const single = /\/(\d+|[0-9a-f]{32}|[0-9a-f-]{36}|me)(\/merge|\/recordings)?$/.test(path);
  if (method === "GET") {
    if (single) return v2 ? 1 : 2;
    if (v2 && /\/(pipelines|stages)$/.test(path)) return 5;
    return v2 ? 10 : 20;
  }
  if (method === "DELETE") return v2 ? 3 : 6;
  return v2 ? 5 : 10;
}

/** The company's plan, as it counts seats: every active user of the sandbox company. */
export type Seats = () => Promise<number>;

export interface QuotaDecision {
  refused: Response | null;
  headers: Record<string, string>;
}

const budgetHeaders = (budget: number, left: number) => ({ "x-daily-ratelimit-token-limit": String(budget), "x-daily-ratelimit-token-remaining": String(Math.max(0, left)) });

/** 402 or the daily-limit 429 when the company may not call now; otherwise the call's tokens are spent. */
export async function takeQuota(accountId: string, method: string, path: string, seats: Seats): Promise<QuotaDecision> {
  const company = await readCompany(accountId, seats);
  if (company.unpaid) {
    return {
      refused: json({ success: false, error: "Company account is not open (possible reason: trial expired, payment details not entered)", errorCode: 402, error_info: "Please check developers.pipedrive.com", data: null, additional_data: null }, 402),
      headers: {},
    };
  }
  const spent = await spendSandboxBudget(accountId, companyDay(), tokenCost(method, path));
  if (!spent) {
    // The same 429 body as the burst limit: only the budget header at 0 tells the two apart.
    return {
      refused: json({ success: false, error: "Request over limit", errorCode: 429, error_info: "Please check developers.pipedrive.com", data: null, additional_data: null }, 429, budgetHeaders(company.budget, 0)),
      headers: budgetHeaders(company.budget, 0),
    };
  }
  const after = companySchema.parse(spent);
  return { refused: null, headers: budgetHeaders(after.budget, after.budget - after.used) };
}
