// Zoho Accounts OAuth 2.0 of the sandbox: consent page, authorization code, token and refresh grants.
// Mirrors https://www.zoho.com/crm/developer/docs/api/v8/oauth-overview.html
import { createSandboxToken, findSandboxToken, revokeSandboxToken } from "@/lib/db/queries/sandbox";
import { forgetRecentTokenRequests, issueLimitedAccessToken } from "@/lib/db/queries/sandbox-tokens";
import type { ZohoSandboxCredentials } from "../accounts";
import type { SandboxRequest } from "../context";
import { accountOfClient, consentDecision, consentPage, type ConsentFlow } from "../consent";
import { json, randomHex, readTokenParams } from "../http";

const ACCESS_TOKEN_SECONDS = 3600;

/**
 * Zoho's limits per refresh token (https://www.zoho.com/accounts/protocol/oauth/token-limits.html): at most
 * 10 live access tokens, the 11th silently invalidating the oldest (whose next API call answers 401
 * INVALID_TOKEN "invalid oauth token", as for an expired one); and 10 token requests per 10 minutes, after
 * which Zoho answers HTTP 400 with the body below until the window has passed.
 */
export const ZOHO_TOKEN_LIMITS = { maxLive: 10, maxPerWindow: 10, windowMs: 10 * 60_000 };
const THROTTLED = { error_description: "You have made too many requests continuously. Please try again after some time.", error: "Access Denied", status: "failure" };

/** `_control` `resetTokenThrottle`: the account's refresh tokens may ask for tokens again at once. */
export const resetZohoTokenThrottle = (accountId: string) => forgetRecentTokenRequests(accountId, ZOHO_TOKEN_LIMITS.windowMs);

const ZOHO_CONSENT: ConsentFlow = {
  crm: "zoho",
  vendor: "Zoho CRM",
  requireResponseType: true,
  code: () => `1000.${randomHex(16)}.${randomHex(16)}`,
  // Zoho names the data centre of the account in the redirect.
  redirectExtras: (base) => ({ location: "sandbox", "accounts-server": `${base}/accounts` }),
};

/** GET …/oauth/v2/auth: the consent screen a user sees when connecting Zoho. */
export const authorizePage = (context: SandboxRequest) => consentPage(ZOHO_CONSENT, context);

/** POST …/oauth/v2/auth: the user's answer. */
export const authorizeDecision = (context: SandboxRequest) => consentDecision(ZOHO_CONSENT, context);

/** POST …/oauth/v2/token. Zoho answers errors with HTTP 200 and {"error": …}. */
export async function tokenGrant({ request, url, base }: SandboxRequest): Promise<Response> {
  const body = await readTokenParams(request, url);
  const account = await accountOfClient(body.get("client_id"));
  const credentials = account?.credentials as ZohoSandboxCredentials | undefined;
  if (!account || !credentials || credentials.clientSecret !== body.get("client_secret")) return json({ error: "invalid_client" });

  const grant = body.get("grant_type");
  const presented = grant === "authorization_code" ? body.get("code") : grant === "refresh_token" ? body.get("refresh_token") : null;
  if (!grant || (grant !== "authorization_code" && grant !== "refresh_token")) return json({ error: "unsupported_grant_type" });
  const stored = presented ? await findSandboxToken(presented) : null;
  const expectedKind = grant === "authorization_code" ? "code" : "refresh";
  const valid = stored && stored.accountId === account.id && stored.kind === expectedKind && !stored.revokedAt && (!stored.expiresAt || stored.expiresAt > new Date());
  if (!valid) return json({ error: "invalid_code" });

  let refreshToken = presented!;
  if (grant === "authorization_code") {
    // A code is single-use; the connection gets a refresh token of its own.
    await revokeSandboxToken(presented!);
    refreshToken = `1000.${randomHex(16)}.${randomHex(16)}`;
    await createSandboxToken(account.id, refreshToken, "refresh");
  }
  const accessToken = `1000.${randomHex(16)}.${randomHex(16)}`;
  const expiresAt = new Date(Date.now() + ACCESS_TOKEN_SECONDS * 1000);
  if ((await issueLimitedAccessToken({ accountId: account.id, parent: refreshToken, token: accessToken, expiresAt }, ZOHO_TOKEN_LIMITS)) === "throttled") return json(THROTTLED, 400);
  const answer: Record<string, unknown> = { access_token: accessToken, scope: "ZohoCRM.modules.ALL ZohoCRM.settings.ALL ZohoCRM.users.READ ZohoCRM.org.READ", api_domain: base, token_type: "Bearer", expires_in: ACCESS_TOKEN_SECONDS };
  if (grant === "authorization_code") answer.refresh_token = refreshToken;
  return json(answer);
}
