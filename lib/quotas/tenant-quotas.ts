// The per-tenant quotas (issue 24 item 4), each set in the environment (lib/env.ts, README "Quotas"):
// a refusal is a 429 whose Retry-After says when the window has room again, and whose message names the
// limit and the variable that sets it.
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { sharedQuota, type QuotaAnswer } from "./shared-quota";

/** A refusal as the API and the actions answer it. */
export function quotaRefused(waitMs: number, message: string): AppError {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  return new AppError("RATE_LIMITED", `${message} Try again in ${seconds} s.`, [], seconds);
}

const settle = (answer: QuotaAnswer | Promise<QuotaAnswer>, refuse: (waitMs: number) => AppError): void | Promise<void> => {
  if (answer instanceof Promise) return answer.then((wait) => settle(wait, refuse));
  if (answer !== null) throw refuse(answer);
};

/**
 * One webhook request of a project: refused with 429 before the event is stored, so the platform sends it
 * again later. Synchronous while this process holds a lease of the project's second.
 */
export function admitWebhook(projectId: string): void | Promise<void> {
  const limit = env().WEBHOOK_REQUESTS_PER_PROJECT_PER_SECOND;
  return settle(sharedQuota("webhook", limit, 1_000).take(projectId), (wait) => quotaRefused(wait, `This project sends more than ${limit} webhook requests per second (WEBHOOK_REQUESTS_PER_PROJECT_PER_SECOND); the event was not stored.`));
}

/** One project created by a signed-in user (the admin CLI and the seed are the operator's and not counted). */
export function admitProjectCreation(userId: string): void | Promise<void> {
  const limit = env().PROJECTS_PER_USER_PER_DAY;
  return settle(sharedQuota("project-create", limit, 24 * 3_600_000).take(userId), (wait) => quotaRefused(wait, `You can create at most ${limit} projects a day (PROJECTS_PER_USER_PER_DAY).`));
}

/** What calls the CRM on a user's demand: the dry run and Test connection, each its own budget. */
export type CrmCheck = "dry-run" | "test-connection";

export function admitCrmCheck(check: CrmCheck, userId: string): void | Promise<void> {
  const limit = env().CRM_CHECKS_PER_USER_PER_MINUTE;
  const what = check === "dry-run" ? "dry runs" : "connection tests";
  return settle(sharedQuota(check, limit, 60_000).take(userId), (wait) => quotaRefused(wait, `You can run at most ${limit} ${what} a minute (CRM_CHECKS_PER_USER_PER_MINUTE).`));
}
