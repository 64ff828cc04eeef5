// Pipedrive's OAuth 2.0 (Marketplace apps): the authorization-code flow and the refresh grant, both on
// Pipedrive's OAuth server with the client's id and secret as HTTP Basic credentials.
// https://pipedrive.readme.io/docs/marketplace-oauth-authorization
import { z } from "zod";
import { AuthError, RetryableError } from "@/lib/errors";
import type { PipedriveOAuthConnect } from "./connection";
import type { HttpClient } from "../http-client";
import { OAuthRefused, type OAuthProvider } from "../oauth/provider";
import type { PipedriveCredentials } from "../types";
import { PIPEDRIVE_OAUTH_BASE, pipedriveApiBaseProblem } from "./hosts";
import { oauthTokenSchema } from "./schemas";

type OAuthCredentials = Extract<PipedriveCredentials, { auth: "oauth" }>;

/**
 * Pipedrive's OAuth server refuses a dead grant with 400 `invalid_grant` or a bad client with 401
 * `invalid_client`; 429 and 5xx are its load, tried again.
 * https://pipedrive.readme.io/docs/marketplace-oauth-and-api-proxy-status-codes
 */
const CREDENTIAL_REFUSALS = new Set(["invalid_grant", "invalid_client", "unauthorized_client"]);
const oauthErrorSchema = z.looseObject({ error: z.string(), message: z.string().optional() });

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
  if (response.status >= 400) {
    const refusal = oauthErrorSchema.safeParse(response.body);
    const code = refusal.success ? refusal.data.error : undefined;
    const details = { status: response.status, crmCode: code, crmDetail: refusal.success ? refusal.data.message : undefined };
    // Only a refused grant or client means the credentials are gone; any other 4xx (a proxy, an odd answer) is tried again.
    if (response.status === 401 || (code && CREDENTIAL_REFUSALS.has(code))) throw new AuthError(`Pipedrive refused the refresh token${code ? ` (${code})` : ""}: reconnect the integration`, details);
    throw new RetryableError(`Pipedrive OAuth answered ${response.status}${code ? ` (${code})` : ""} to a token refresh`, details);
  }
  const parsed = oauthTokenSchema.safeParse(response.body);
  if (!parsed.success) throw new RetryableError(`Pipedrive OAuth gave an unexpected answer (HTTP ${response.status}) to a token refresh`, { status: response.status });
  const answer = parsed.data;
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
