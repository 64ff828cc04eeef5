// One error vocabulary for the whole app, mapped to HTTP statuses in one place.
import { englishMessage } from "@/lib/i18n/config";
import { log } from "@/lib/observability/logger";

export const ERROR_STATUS = {
  BAD_REQUEST: 400,
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNPROCESSABLE: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface ErrorIssue {
  path: string;
  message: string;
}

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues: ErrorIssue[] = [],
    /** A RATE_LIMITED answer's Retry-After, in seconds. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "AppError";
    this.status = ERROR_STATUS[code];
  }
}

/**
 * Errors a CRM connector raises; the sync engine decides from their `kind` what to do next. The kind is a
 * plain field, not the class: `instanceof` is not reliable across Next's separately compiled server bundles
 * (measured: a limiter refusal that escaped as "permanent" lost 70 of 100 events), so every check in the
 * app goes through `crmErrorKind` and the `is…` helpers below.
 */
export type CrmErrorKind = "retryable" | "auth" | "permanent" | "quota" | "config";

export interface CrmErrorDetails {
  status?: number;
  crmCode?: string;
  /** The CRM's own words (message, error_info), kept for the Events page beside our reason. */
  crmDetail?: string;
}

export class CrmError extends Error {
  readonly kind: CrmErrorKind = "retryable";
  constructor(
    message: string,
    readonly details: CrmErrorDetails = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}
/** 429, 5xx, timeouts, and anything the code does not classify: try again later with backoff. */
export class RetryableError extends CrmError {
  override readonly kind = "retryable" as const;
  constructor(
    message: string,
    details: CrmErrorDetails = {},
    readonly retryAfterMs?: number,
  ) {
    super(message, details);
  }
}
/** The CRM refused our credentials even after one refresh: the integration is broken. */
export class AuthError extends CrmError {
  override readonly kind = "auth" as const;
}
/** The CRM rejected the request itself (validation): retrying cannot help. */
export class PermanentError extends CrmError {
  override readonly kind = "permanent" as const;
}
/** Why a CRM account's quota paused its project's deliveries. */
export type QuotaReason = "daily_budget" | "unpaid" | "api_credits";
export const QUOTA_REASONS: readonly QuotaReason[] = ["daily_budget", "unpaid", "api_credits"];
/**
 * The CRM account's quota is used up (Pipedrive's daily budget or an unpaid company, Zoho's API credits):
 * the project's deliveries pause until `resumeAt`; no event fails or burns an attempt meanwhile.
 */
export class QuotaError extends CrmError {
  override readonly kind = "quota" as const;
  constructor(
    message: string,
    readonly quota: QuotaReason,
    /** When the CRM says the quota is back (Pipedrive: the company's midnight), or when to look again. */
    readonly resumeAt: Date,
    details: CrmErrorDetails = {},
  ) {
    super(message, details);
  }
}

/**
 * This server may not reach the CRM: its own configuration refused the request before anything was sent
 * (the egress allow-list, the sandbox switched off here, a missing key). The CRM refused nothing, so the
 * integration stays active for every other process; the event waits and is tried again.
 */
export class ConfigurationError extends CrmError {
  override readonly kind = "config" as const;
}

const CRM_ERROR_KINDS = new Set<CrmErrorKind>(["retryable", "auth", "permanent", "quota", "config"]);

/** The kind of a CRM error, recognised by its fields; anything else thrown is not a CRM error (null). */
export function crmErrorKind(error: unknown): CrmErrorKind | null {
  if (typeof error !== "object" || error === null) return null;
  const kind = (error as { kind?: unknown }).kind;
  return typeof kind === "string" && CRM_ERROR_KINDS.has(kind as CrmErrorKind) && typeof (error as { message?: unknown }).message === "string" ? (kind as CrmErrorKind) : null;
}
export const isCrmError = (error: unknown): error is CrmError => crmErrorKind(error) !== null;
export const isAuthError = (error: unknown): error is AuthError => crmErrorKind(error) === "auth";
export const isRetryableError = (error: unknown): error is RetryableError => crmErrorKind(error) === "retryable";
export const isPermanentError = (error: unknown): error is PermanentError => crmErrorKind(error) === "permanent";
export const isQuotaError = (error: unknown): error is QuotaError => crmErrorKind(error) === "quota";
export const isConfigurationError = (error: unknown): error is ConfigurationError => crmErrorKind(error) === "config";

/** AppError recognised by its fields, for the same reason as CRM errors. */
export function isAppError(error: unknown): error is AppError {
  if (typeof error !== "object" || error === null) return false;
  const { name, code, status } = error as { name?: unknown; code?: unknown; status?: unknown };
  return name === "AppError" && typeof code === "string" && code in ERROR_STATUS && typeof status === "number";
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; issues?: ErrorIssue[] };
}

export function errorBody(error: AppError): ErrorBody {
  // A message key (the admin app says it in the person's language) is answered in English here.
  return { error: { code: error.code, message: englishMessage(error.message), ...(error.issues.length ? { issues: error.issues } : {}) } };
}

/** Turns anything thrown in a route handler into a JSON response; unexpected errors leak nothing. */
export function errorResponse(error: unknown): Response {
  if (isAppError(error)) {
    const retryAfter = typeof error.retryAfterSeconds === "number" ? { "retry-after": String(error.retryAfterSeconds) } : undefined;
    return Response.json(errorBody(error), { status: error.status, headers: retryAfter });
  }
  log("http").error({ err: error }, "unexpected error, answered 500");
  const internal = new AppError("INTERNAL", "Something went wrong on our side. Try again; if it persists, contact support.");
  return Response.json(errorBody(internal), { status: internal.status });
}

/** zod issues in the shape our API answers with (validation messages are i18n keys: answered in English). */
export function issuesFromZod(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>, prefix = ""): ErrorIssue[] {
  return issues.map((issue) => ({ path: prefix + issue.path.map(String).join("."), message: englishMessage(issue.message) }));
}
