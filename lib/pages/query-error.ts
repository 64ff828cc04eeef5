// The `?error=` of a page is a code, never text to show: anyone can send a link with any query string,
// so a notice shows only our own message for a code we issued, and nothing for anything else.
import type { MessageKey } from "@/lib/i18n/messages/en";
import type { OAuthErrorCode } from "@/lib/integrations/connect";

const INTEGRATION_ERRORS: Record<OAuthErrorCode, MessageKey> = {
  "oauth-state": "integration.oauthError.state",
  "oauth-refused": "integration.oauthError.refused",
  "crm-unavailable": "integration.oauthError.unavailable",
  "oauth-failed": "integration.oauthError.failed",
};

/** The codes the sign-in form knows (lib/auth/sign-in.ts), and next-auth's own, shown as a generic failure. */
const LOGIN_ERRORS = new Set(["CredentialsSignin", "TooManyAttempts", "SessionRequired"]);
const NEXT_AUTH_ERRORS = new Set(["Configuration", "AccessDenied", "Verification", "Default", "Signin", "Callback", "CredentialsSignup"]);

const single = (raw: string | string[] | undefined) => (typeof raw === "string" ? raw : undefined);
const own = <T extends object>(table: T, key: string | undefined): key is Extract<keyof T, string> => key !== undefined && Object.hasOwn(table, key);

export function integrationErrorKey(raw: string | string[] | undefined): MessageKey | null {
  const code = single(raw);
  return own(INTEGRATION_ERRORS, code) ? INTEGRATION_ERRORS[code] : null;
}

export function loginErrorCode(raw: string | string[] | undefined): string | undefined {
  const code = single(raw);
  if (code && LOGIN_ERRORS.has(code)) return code;
  return code && NEXT_AUTH_ERRORS.has(code) ? "generic" : undefined;
}
