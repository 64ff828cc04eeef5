// Pipedrive's OAuth server in the sandbox: consent page, and the token endpoint's authorization-code and
// refresh grants, as https://pipedrive.readme.io/docs/marketplace-oauth-authorization describes them
// (client id and secret as HTTP Basic credentials; the body url-encoded).
import { createSandboxToken, findAccountOfToken, findSandboxToken, revokeSandboxToken } from "@/lib/db/queries/sandbox";
import type { PipedriveSandboxCredentials } from "../accounts";
import { accountOfClient, consentDecision, consentPage, registeredRedirect, type ConsentFlow } from "../consent";
import type { SandboxRequest } from "../context";
import { json, randomHex, readTokenParams } from "../http";
import { documentOf } from "@/lib/db/json";

const ACCESS_TOKEN_SECONDS = 3599;
const SCOPE = "base,deals:full,contacts:full,activities:full,leads:full";

const PIPEDRIVE_CONSENT: ConsentFlow = { crm: "pipedrive", vendor: "Pipedrive", requireResponseType: false, code: () => `${randomHex(4)}.${randomHex(20)}` };

/** GET /oauth/authorize: the consent screen a user sees when connecting Pipedrive by OAuth. */
export const pipedriveAuthorizePage = (context: SandboxRequest) => consentPage(PIPEDRIVE_CONSENT, context);

/** POST /oauth/authorize: the user's answer. */
export const pipedriveAuthorizeDecision = (context: SandboxRequest) => consentDecision(PIPEDRIVE_CONSENT, context);

const invalidGrant = (message: string) => json({ success: false, message, error: "invalid_grant" }, 400);

/** The grant's refresh token: a code is exchanged once for a new one; a refresh token must be the account's. */
async function grantedRefreshToken(accountId: string, params: URLSearchParams): Promise<string | Response> {
  const grant = params.get("grant_type");
  if (grant === "refresh_token") {
    const owner = await findAccountOfToken(params.get("refresh_token") ?? "", "refresh");
    return owner?.id === accountId ? params.get("refresh_token")! : invalidGrant("Invalid grant: refresh token is invalid");
  }
  if (grant !== "authorization_code") return json({ success: false, message: "Unsupported grant type", error: "unsupported_grant_type" }, 400);
  const code = params.get("code") ?? "";
  const stored = code ? await findSandboxToken(code) : null;
  if (!stored || stored.accountId !== accountId || stored.kind !== "code" || stored.revokedAt || (stored.expiresAt && stored.expiresAt <= new Date())) return invalidGrant("Invalid grant: authorization code is invalid");
  if (params.get("redirect_uri") !== registeredRedirect("pipedrive")) return invalidGrant("Invalid grant: redirect_uri does not match");
  await revokeSandboxToken(code);
  const refresh = `${randomHex(4)}:${randomHex(4)}:${randomHex(20)}`;
  await createSandboxToken(accountId, refresh, "refresh");
  return refresh;
}

export async function pipedriveToken({ request, url, base }: SandboxRequest): Promise<Response> {
  const basic = /^Basic\s+(\S+)$/i.exec(request.headers.get("authorization") ?? "")?.[1];
  const [clientId, clientSecret] = basic ? Buffer.from(basic, "base64").toString("utf8").split(":") : [];
  const account = await accountOfClient(clientId ?? null);
  if (!account || documentOf<PipedriveSandboxCredentials>(account.credentials).clientSecret !== clientSecret) {
    return json({ success: false, message: "Invalid client credentials", error: "invalid_client" }, 401);
  }
  const refreshToken = await grantedRefreshToken(account.id, await readTokenParams(request, url));
  if (refreshToken instanceof Response) return refreshToken;
  const accessToken = `${randomHex(4)}:${randomHex(4)}:${randomHex(20)}`;
  await createSandboxToken(account.id, accessToken, "access", new Date(Date.now() + ACCESS_TOKEN_SECONDS * 1000));
  return json({ access_token: accessToken, token_type: "Bearer", refresh_token: refreshToken, scope: SCOPE, expires_in: ACCESS_TOKEN_SECONDS, api_domain: base });
}
