// The sandbox company's account state as Pipedrive keeps it: the plan (which sets the daily token budget),
// whether the company is paid up, and which user the account's API token belongs to.
// https://pipedrive.readme.io/docs/core-api-concepts-rate-limiting
import { z } from "zod";
import { getSandboxRecord, replaceSandboxRecordData } from "@/lib/db/queries/sandbox";
import { COMPANY_ID, COMPANY_MODULE, ensureSandboxCompany } from "@/lib/db/queries/sandbox-pipedrive-company";

/** Plan multipliers of the daily budget (Lite 1, Growth 2, Premium 5, Ultimate 7). */
export const PLAN_MULTIPLIERS = { lite: 1, growth: 2, premium: 5, ultimate: 7 } as const;
export type PipedrivePlan = keyof typeof PLAN_MULTIPLIERS;
/** "30,000 base tokens × subscription plan multiplier × number of seats". */
export const TOKENS_PER_SEAT = 30_000;
/** The sandbox company's time zone: its budget day starts at midnight here (the users' timezone_name). */
export const COMPANY_TIME_ZONE = "Europe/Kyiv";

export const companySchema = z.object({
  plan: z.enum(Object.keys(PLAN_MULTIPLIERS) as [PipedrivePlan, ...PipedrivePlan[]]),
  seats: z.number().int().min(1),
  /** The daily budget in tokens (plan × seats × 30,000). */
  budget: z.number().int().min(0),
  /** The company's local date the spending counts for, and the tokens spent on it. */
  day: z.string().nullable(),
  used: z.number().int(),
  /** Billing lapsed: Pipedrive answers every call 402 until it is paid. */
  unpaid: z.boolean(),
  /** The user the account's API token (and its OAuth grants) belongs to; null: the first admin. */
  tokenUserId: z.number().int().nullable(),
});
export type PipedriveCompany = z.infer<typeof companySchema>;

/**
 * A new company is on Premium (×5; 3 seats: 450,000 tokens a day), the plan whose API-token burst limit
 * (100 per 2 s) is nearest the sandbox's default: enough for a 2,000-event replay (about 110 tokens an
 * event), as on a real Premium account. Tests set the plan or the tokens left through _control.
 */
export const initialCompany = (seats: number, plan: PipedrivePlan = "premium"): PipedriveCompany => ({
  plan,
  seats,
  budget: TOKENS_PER_SEAT * PLAN_MULTIPLIERS[plan] * seats,
  day: null,
  used: 0,
  unpaid: false,
  tokenUserId: null,
});

/** The company's local date ("YYYY-MM-DD") at `at`: the budget's day. */
export const companyDay = (at = new Date()) => new Intl.DateTimeFormat("en-CA", { timeZone: COMPANY_TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" }).format(at);

export async function readCompany(accountId: string, seats: () => Promise<number>): Promise<PipedriveCompany> {
  const row = await getSandboxRecord(accountId, COMPANY_MODULE, COMPANY_ID);
  if (row) return companySchema.parse(row.data);
  const initial = initialCompany(await seats());
  await ensureSandboxCompany(accountId, initial);
  return initial;
}

export async function writeCompany(accountId: string, company: PipedriveCompany) {
  await replaceSandboxRecordData(accountId, COMPANY_MODULE, COMPANY_ID, company);
}

/** The tokens left today (0 when a new day has not been touched yet means the full budget). */
export const budgetLeft = (company: PipedriveCompany, day = companyDay()) => Math.max(0, company.budget - (company.day === day ? company.used : 0));
