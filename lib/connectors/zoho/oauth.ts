// Zoho's OAuth 2.0: the authorization-code flow (consent, code exchange) and the refresh grant.
// https://www.zoho.com/crm/developer/docs/api/v8/oauth-overview.html, refresh.html
import { z } from "zod";
import { AuthError, RetryableError } from "@/lib/errors";
import type { ZohoConnect } from "./connection";
import type { HttpClient } from "../http-client";
import { OAuthRefused, type OAuthProvider } from "../oauth/provider";
import type { ZohoCredentials } from "../types";
import { isKnownAccountsServer, ZOHO_DATA_CENTERS, ZOHO_SCOPES, zohoHostsProblem } from "./data-centers";
import { tokenAnswerSchema } from "./schemas";

/**
 * The answers that mean the grant itself is gone (a revoked or unknown refresh token, a deleted client).
 * Anything else Zoho answers is not a refusal of our credentials: above all its throttle, HTTP 400
 * `{"error":"Access Denied","error_description":"You have made too many requests continuously…","status":"failure"}`
 * (about 10 token requests per 10 minutes per refresh token; the error is localised in some data centres).
 * https://www.zoho.com/accounts/protocol/oauth/token-limits.html
 */
const CREDENTIAL_REFUSALS = new Set(["invalid_code", "invalid_client", "invalid_client_secret", "invalid_grant", "unauthorized_client"]);
/** Zoho blocks token requests for the rest of its 10-minute window. */
const THROTTLE_WAIT_MS = 10 * 60_000;
const tokenErrorSchema = z.object({ error_description: z.string() });

/** A new access token for the refresh token (Zoho answers a refused grant with 200 and `error`). */
export async function refreshZohoAccessToken(http: HttpClient, credentials: ZohoCredentials): Promise<ZohoCredentials> {
  const { accountsUrl, clientId, clientSecret, refreshToken } = credentials;
  const response = await http.send({
    method: "POST",
    url: `${accountsUrl}/oauth/v2/token`,
    body: new URLSearchParams({ grant_type: "refresh_token", client_id: clientId, client_secret: clientSecret, refresh_token: refreshToken }),
  });
  if (response.status >= 500 || response.status === 429) throw new RetryableError(`Zoho accounts answered ${response.status} to a token refresh`, { status: response.status });
  const parsed = tokenAnswerSchema.safeParse(response.body);
  if (!parsed.success) throw new RetryableError(`Zoho accounts gave an unexpected answer (HTTP ${response.status}) to a token refresh`, { status: response.status });
  const answer = parsed.data;
  if ("error" in answer) {
    const described = tokenErrorSchema.safeParse(response.body);
    const details = { status: response.status, crmCode: answer.error, crmDetail: described.success ? described.data.error_description : undefined };
    if (CREDENTIAL_REFUSALS.has(answer.error)) throw new AuthError(`Zoho refused the refresh token (${answer.error}): reconnect the integration`, details);
    throw new RetryableError(`Zoho accounts issued no token for now (${answer.error}${details.crmDetail ? `: ${details.crmDetail}` : ""})`, details, THROTTLE_WAIT_MS);
  }
  const moved = zohoHostsProblem(accountsUrl, answer.api_domain);
  if (moved) throw new AuthError(`Zoho named an API domain we do not send tokens to (${moved.message}): reconnect the integration`);
  return { ...credentials, accessToken: answer.access_token, accessTokenExpiresAt: Date.now() + answer.expires_in * 1000, apiDomain: answer.api_domain };
}

export const zohoOAuth: OAuthProvider<ZohoConnect> = {
  async start(input, sandbox) {
    if (input.dataCenter === "sandbox") {
      const client = await sandbox();
      return { dataCenter: "sandbox", accountsUrl: client.authBase, clientId: client.clientId, clientSecret: client.clientSecret };
    }
    return { dataCenter: input.dataCenter, accountsUrl: ZOHO_DATA_CENTERS[input.dataCenter].accountsUrl, clientId: input.clientId, clientSecret: input.clientSecret };
  },

  authorizeUrl(pending, redirectUri, state) {
    const url = new URL(`${pending.accountsUrl}/oauth/v2/auth`);
    url.search = new URLSearchParams({ scope: ZOHO_SCOPES, client_id: pending.clientId!, response_type: "code", access_type: "offline", prompt: "consent", redirect_uri: redirectUri, state }).toString();
    return url.toString();
  },

  async exchange(params, pending, redirectUri, { fetch, sandboxAuthBase }) {
    if (params.get("error")) throw new OAuthRefused(`Zoho did not grant access (${params.get("error")}).`);
    const code = params.get("code");
    if (!code) throw new OAuthRefused("Zoho did not send an authorization code.");
    // Zoho names the data centre of the user's account; only real ones (or our sandbox) are believed.
    const accountsUrl = params.get("accounts-server") ?? pending.accountsUrl!;
    if (!isKnownAccountsServer(accountsUrl, sandboxAuthBase)) throw new OAuthRefused("Zoho named an accounts server that is not a Zoho data centre.");
    let response: Response;
    try {
      response = await fetch(`${accountsUrl}/oauth/v2/token`, {
        method: "POST",
        body: new URLSearchParams({ grant_type: "authorization_code", client_id: pending.clientId!, client_secret: pending.clientSecret!, redirect_uri: redirectUri, code }),
        signal: AbortSignal.timeout(15_000),
      });
    } catch (error) {
      throw new RetryableError(`Could not reach Zoho accounts: ${(error as Error).message}`);
    }
    const answer = tokenAnswerSchema.safeParse(await response.json().catch(() => null));
    if (!answer.success || "error" in answer.data || !answer.data.refresh_token) {
      const reason = answer.success && "error" in answer.data ? answer.data.error : `HTTP ${response.status}`;
      throw new OAuthRefused(`Zoho refused the authorization code (${reason}). Start the connection again.`);
    }
    return {
      crm: "zoho",
      dataCenter: pending.dataCenter!,
      accountsUrl,
      apiDomain: answer.data.api_domain,
      clientId: pending.clientId!,
      clientSecret: pending.clientSecret!,
      refreshToken: answer.data.refresh_token,
      accessToken: answer.data.access_token,
      accessTokenExpiresAt: Date.now() + answer.data.expires_in * 1000,
    };
  },
};
