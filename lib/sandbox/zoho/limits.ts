// Zoho CRM's account limits in the sandbox, as https://www.zoho.com/crm/developer/docs/api/v8/api-limits.html
// describes them: API credits per rolling 24 hours by edition (most calls 1 credit, insert/update/upsert
// 1 per 10 records, lead conversion 5), X-API-CREDITS-REMAINING once half of them are used, and the
// sub-concurrency of 10 that search and COQL share on every edition. Over either limit Zoho answers
// 429 TOO_MANY_REQUESTS without Retry-After (crm-apis.md); the credit refusal carries
// X-API-CREDITS-REMAINING: 0, which is what tells a client that waiting seconds will not help.
import { processShared } from "@/lib/cache/process-shared";
import { ttlCache } from "@/lib/cache/ttl";
import { getSandboxRecord } from "@/lib/db/queries/sandbox";
import { creditsSpentSince, resetCreditsSpent, spendCredits } from "@/lib/db/queries/sandbox-credits";
import { json } from "../http";

export const SEARCH_SUB_CONCURRENCY = 10;
const CREDITS_HEADER = "X-API-CREDITS-REMAINING";

/**
 * Searches in flight per account, and the most there ever were (tests read it through _control). Kept in
 * this process: one sandbox server answers an account's traffic in the tests and benchmarks; several app
 * processes serving one sandbox account would each count their own.
 */
interface SearchGauge {
  active: number;
  peak: number;
}
const gauges = processShared("zoho-sandbox-search-gauges", () => new Map<string, SearchGauge>());
const gaugeOf = (accountId: string) => {
  let gauge = gauges.get(accountId);
  if (!gauge) gauges.set(accountId, (gauge = { active: 0, peak: 0 }));
  return gauge;
};

/** Calls that count against the search/COQL sub-concurrency: record search and the Query API. */
export const isSearchCall = (method: string, apiPath: string) => (method === "GET" && /^\/[A-Za-z]+\/search$/.test(apiPath)) || (method === "POST" && apiPath === "/coql");

/**
 * The edition's credits per 24 hours: 5,000 on Free; otherwise 50,000 plus a per-licence amount, up to the
 * edition's maximum (Zoho's credit table; Ultimate / CRM Plus have none).
 */
export function creditLimit(paidType: string | null | undefined, licences: number): number {
  const edition = (paidType ?? "").toLowerCase().replace(/[^a-z]/g, "");
  if (edition === "free") return 5_000;
  const [perLicence, maximum] =
    edition === "standard" || edition === "starter"
      ? [250, 100_000]
      : edition === "professional"
        ? [500, 3_000_000]
        : edition === "ultimate" || edition === "crmplus"
          ? [2_000, Number.POSITIVE_INFINITY]
          : [1_000, 5_000_000];
  return Math.min(50_000 + perLicence * Math.max(0, licences), maximum);
}

/** The org's edition changes only with a reset: read once a minute, not on every call. */
const limitCache = ttlCache<number>("zoho-sandbox-credit-limits", 60_000);

function accountCreditLimit(accountId: string): Promise<number> {
  return limitCache.get(accountId, async () => {
    const org = (await getSandboxRecord(accountId, "org", "org"))?.data as { license_details?: { paid_type?: string; users_license_purchased?: number } } | undefined;
    return creditLimit(org?.license_details?.paid_type, org?.license_details?.users_license_purchased ?? 0);
  });
}

/** What one call costs: writes 1 credit per 10 records, a lead conversion 5, anything else 1. */
async function creditCost(request: Request, apiPath: string): Promise<number> {
  if (request.method === "POST" && /^\/Leads\/\d+\/actions\/convert$/.test(apiPath)) return 5;
  const writesRecords = ["POST", "PUT", "PATCH"].includes(request.method) && /^\/[A-Za-z]+(\/\d+|\/upsert)?$/.test(apiPath) && apiPath !== "/coql";
  if (!writesRecords) return 1;
  const body = (await request
    .clone()
    .json()
    .catch(() => null)) as { data?: unknown } | null;
  const records = Array.isArray(body?.data) ? body.data.length : 1;
  return Math.max(1, Math.ceil(records / 10));
}

const tooManySearches = () =>
  json({ code: "TOO_MANY_REQUESTS", details: {}, message: `The number of concurrent search and COQL requests has exceeded the limit of ${SEARCH_SUB_CONCURRENCY}.`, status: "error" }, 429);
const creditsExhausted = () =>
  json({ code: "TOO_MANY_REQUESTS", details: {}, message: "The API credits of the last 24 hours have been used up.", status: "error" }, 429, { [CREDITS_HEADER]: "0" });

/**
 * Runs one authenticated API call inside the account's limits: refused while its credits are used up or
 * while 10 searches are in flight (the slot is held for the whole answer, injected latency included, so
 * a slow sandbox makes concurrent searches overlap as a busy Zoho does). Answered calls are charged;
 * the refusals themselves are not.
 */
export async function withZohoLimits(accountId: string, request: Request, apiPath: string, answer: () => Promise<Response>): Promise<Response> {
  const [limit, spent] = await Promise.all([accountCreditLimit(accountId), creditsSpentSince(accountId)]);
  if (spent >= limit) return creditsExhausted();
  // Read before the handler consumes the body.
  const cost = await creditCost(request, apiPath);
  const search = isSearchCall(request.method, apiPath);
  const gauge = gaugeOf(accountId);
  if (search) {
    if (gauge.active >= SEARCH_SUB_CONCURRENCY) return tooManySearches();
    gauge.active++;
    gauge.peak = Math.max(gauge.peak, gauge.active);
  }
  let response: Response;
  try {
    response = await answer();
  } finally {
    if (search) gauge.active--;
  }
  if (response.status === 429 || response.status >= 500) return response;
  await spendCredits(accountId, cost);
  const used = spent + cost;
  if (used * 2 >= limit) response.headers.set(CREDITS_HEADER, String(Math.max(0, limit - used)));
  return response;
}

/** For _control: the account's credit and search state. */
export async function zohoLimitsState(accountId: string) {
  const [limit, spent] = await Promise.all([accountCreditLimit(accountId), creditsSpentSince(accountId)]);
  const { active, peak } = gaugeOf(accountId);
  return { credits: { limit, remaining: Math.max(0, limit - spent) }, searches: { active, peak } };
}

/** For _control: leaves `left` credits, as if the rest had been spent just now (they come back in 24 h). */
export async function setZohoCreditsLeft(accountId: string, left: number): Promise<void> {
  await resetCreditsSpent(accountId, Math.max(0, (await accountCreditLimit(accountId)) - left));
}
