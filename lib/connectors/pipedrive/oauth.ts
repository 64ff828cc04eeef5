// Pipedrive's OAuth 2.0 (Marketplace apps): the authorization-code flow and the refresh grant, both on
// Pipedrive's OAuth server with the client's id and secret as HTTP Basic credentials.
// https://pipedrive.readme.io/docs/marketplace-oauth-authorization
import { AuthError, RetryableError } from "@/lib/errors";
import type { PipedriveOAuthConnect } from "@/lib/validation/integration";
import type { HttpClient } from "../http-client";
import { OAuthRefused, type OAuthProvider } from "../oauth/provider";
import type { PipedriveCredentials } from "../types";
import { parseResponse } from "../validate";
import { PIPEDRIVE_OAUTH_BASE, pipedriveApiBaseProblem } from "./hosts";
import { oauthTokenSchema } from "./schemas";

type OAuthCredentials = Extract<PipedriveCredentials, { auth: "oauth" }>;

const basic = (clientId: string, clientSecret: string) => `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString("base64")}`;

/** A new access token (Pipedrive may rotate the refresh token and names the company's API domain). */
export async function refreshPipedriveAccessToken(http: HttpClient, credentials: OAuthCredentials): Promise<OAuthCredentials> {
  const response = await http.send({
    method: "POST",
    url: `${credentials.oauthBase}/oauth/token`,
    headers: { authorization: basic(credentials.clientId, credentials.clientSecret) },
    body: new URLSearchParams({ grant_type: "refresh_token", refresh_token: credentials.refreshToken }),
  });
  if (response.status >= 500 || response.status === 429) throw new RetryableError(`Pipedrive OAuth answered ${response.status} to a token refresh`, { status: response.status });
  if (response.status >= 400) throw new AuthError("Pipedrive refused the refresh token: reconnect the integration", { status: response.status });
  const answer = parseResponse(oauthTokenSchema, response.body, "Pipedrive token refresh");
  const apiBase = answer.api_domain ?? credentials.apiBase;
  if (pipedriveApiBaseProblem(apiBase)) throw new AuthError(`Pipedrive named an API domain we do not send tokens to (${apiBase}): reconnect the integration`);
  return { ...credentials, accessToken: answer.access_token, refreshToken: answer.refresh_token, accessTokenExpiresAt: Date.now() + answer.expires_in * 1000, apiBase };
}

export const pipedriveOAuth: OAuthProvider<PipedriveOAuthConnect> = {
  async start(input, sandbox) {
    if (input.sandbox) {
      const client = await sandbox();
      return { oauthBase: client.authBase, clientId: client.clientId, clientSecret: client.clientSecret };
    }
    return { oauthBase: PIPEDRIVE_OAUTH_BASE, clientId: input.clientId, clientSecret: input.clientSecret };
  },

  authorizeUrl(pending, redirectUri, state) {
    const url = new URL(`${pending.oauthBase}/oauth/authorize`);
    url.search = new URLSearchParams({ client_id: pending.clientId!, redirect_uri: redirectUri, state }).toString();
    return url.toString();
  },

  async exchange(params, pending, redirectUri, { fetch }) {
    if (params.get("error")) throw new OAuthRefused(`Pipedrive did not grant access (${params.get("error")}).`);
    const code = params.get("code");
    if (!code) throw new OAuthRefused("Pipedrive did not send an authorization code.");
    let response: Response;
    try {
      response = await fetch(`${pending.oauthBase}/oauth/token`, {
        method: "POST",
        headers: { authorization: basic(pending.clientId!, pending.clientSecret!), "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ grant_type: "authorization_code", code, redirect_uri: redirectUri }),
        signal: AbortSignal.timeout(15_000),
      });
    } catch (error) {
      throw new RetryableError(`Could not reach Pipedrive's OAuth server: ${(error as Error).message}`);
    }
    const body: unknown = await response.json().catch(() => null);
    const answer = oauthTokenSchema.safeParse(body);
    if (!response.ok || !answer.success) {
      const reason = (body as { error?: string } | null)?.error ?? `HTTP ${response.status}`;
      throw new OAuthRefused(`Pipedrive refused the authorization code (${reason}). Start the connection again.`);
    }
    const apiBase = answer.data.api_domain ?? "";
    if (pipedriveApiBaseProblem(apiBase)) throw new OAuthRefused(`Pipedrive named an API domain that is not a Pipedrive address (${apiBase || "none"}).`);
    return {
      crm: "pipedrive",
      auth: "oauth",
      apiBase,
      oauthBase: pending.oauthBase!,
      clientId: pending.clientId!,
      clientSecret: pending.clientSecret!,
      accessToken: answer.data.access_token,
      refreshToken: answer.data.refresh_token,
      accessTokenExpiresAt: Date.now() + answer.data.expires_in * 1000,
    };
  },
};
