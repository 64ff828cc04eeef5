// What a test may set on a Pipedrive sandbox company through POST /sandbox/pipedrive/_control: the quota
// states Pipedrive has (tokens left today, the plan, unpaid billing) and who the account's token belongs
// to (its user, and whether that user is an admin).
import { z } from "zod";
import { getSandboxRecord, listSandboxRecords, replaceSandboxRecordData } from "@/lib/db/queries/sandbox";
import { activeSeats } from "./answers";
import { budgetLeft, PLAN_MULTIPLIERS, companyDay, readCompany, TOKENS_PER_SEAT, writeCompany, type PipedrivePlan } from "./company";
import { documentOf } from "@/lib/db/json";

export const pipedriveControlSchema = z.object({
  /** Tokens left of today's budget (spent as if the rest had been used today). */
  dailyBudgetLeft: z.number().int().min(0).optional(),
  /** The plan, which sets the daily budget (30,000 × multiplier × seats). */
  plan: z.enum(Object.keys(PLAN_MULTIPLIERS) as [PipedrivePlan, ...PipedrivePlan[]]).optional(),
  /** Billing lapsed: every call answers 402. */
  unpaid: z.boolean().optional(),
  /** The user the account's API token and OAuth grants belong to. */
  tokenUserId: z.number().int().optional(),
  /** Whether the token's user is an admin (account settings access). */
  tokenUserIsAdmin: z.boolean().optional(),
});
export type PipedriveControl = z.infer<typeof pipedriveControlSchema>;

export const PIPEDRIVE_CONTROL_KEYS = Object.keys(pipedriveControlSchema.shape) as Array<keyof PipedriveControl>;

/** Applies the Pipedrive quota and token settings a control request names; an error message otherwise. */
export async function applyPipedriveControl(accountId: string, input: PipedriveControl): Promise<string | null> {
  const company = await readCompany(accountId, () => activeSeats(accountId));
  if (input.plan) {
    company.plan = input.plan;
    company.budget = TOKENS_PER_SEAT * PLAN_MULTIPLIERS[input.plan] * company.seats;
  }
  if (input.dailyBudgetLeft !== undefined) {
    company.day = companyDay();
    company.used = Math.max(0, company.budget - input.dailyBudgetLeft);
  }
  if (input.unpaid !== undefined) company.unpaid = input.unpaid;
  if (input.tokenUserId !== undefined) {
    if (!(await getSandboxRecord(accountId, "users", String(input.tokenUserId)))) return `tokenUserId: no user ${input.tokenUserId} in this company`;
    company.tokenUserId = input.tokenUserId;
  }
  if (input.tokenUserIsAdmin !== undefined) {
    const userId = company.tokenUserId ?? (await firstAdmin(accountId));
    const row = await getSandboxRecord(accountId, "users", String(userId));
    if (row) await replaceSandboxRecordData(accountId, "users", row.id, { ...documentOf(row.data), is_admin: input.tokenUserIsAdmin ? 1 : 0 });
    company.tokenUserId = userId;
  }
  await writeCompany(accountId, company);
  return null;
}

async function firstAdmin(accountId: string): Promise<number> {
  const users = (await listSandboxRecords(accountId, "users")).map((row) => row.data as { id: number; is_admin?: number });
  return (users.find((user) => Number(user.is_admin) === 1) ?? users[0])!.id;
}

/** The company state a GET /_control shows beside the faults. */
export async function describePipedriveCompany(accountId: string) {
  const company = await readCompany(accountId, () => activeSeats(accountId));
  return { plan: company.plan, seats: company.seats, dailyBudget: company.budget, dailyBudgetLeft: budgetLeft(company), unpaid: company.unpaid, tokenUserId: company.tokenUserId };
}
