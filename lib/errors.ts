// One error vocabulary for the whole app, mapped to HTTP statuses in one place.
import { englishMessage } from "@/lib/i18n/config";

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
  ) {
    super(message);
    this.name = "AppError";
    this.status = ERROR_STATUS[code];
  }
}

/** Errors a CRM connector raises; the sync engine decides from the class what to do next. */
export class CrmError extends Error {
  constructor(
    message: string,
    readonly details: { status?: number; crmCode?: string } = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}
/** 429, 5xx, timeouts: try again later with backoff. */
export class RetryableError extends CrmError {
  constructor(
    message: string,
    details: { status?: number; crmCode?: string } = {},
    readonly retryAfterMs?: number,
  ) {
    super(message, details);
  }
}
/** The CRM refused our credentials even after one refresh: the integration is broken. */
export class AuthError extends CrmError {}
/** The CRM rejected the request itself (validation): retrying cannot help. */
export class PermanentError extends CrmError {}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; issues?: ErrorIssue[] };
}

export function errorBody(error: AppError): ErrorBody {
  return { error: { code: error.code, message: error.message, ...(error.issues.length ? { issues: error.issues } : {}) } };
}

/** Turns anything thrown in a route handler into a JSON response; unexpected errors leak nothing. */
export function errorResponse(error: unknown): Response {
  if (error instanceof AppError) return Response.json(errorBody(error), { status: error.status });
  console.error(error);
  const internal = new AppError("INTERNAL", "Something went wrong on our side. Try again; if it persists, contact support.");
  return Response.json(errorBody(internal), { status: internal.status });
}

/** zod issues in the shape our API answers with (validation messages are i18n keys: answered in English). */
export function issuesFromZod(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>, prefix = ""): ErrorIssue[] {
  return issues.map((issue) => ({ path: prefix + issue.path.map(String).join("."), message: englishMessage(issue.message) }));
}
