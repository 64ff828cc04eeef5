// Connecting a project to its CRM (F1): check the credentials against the CRM, then store them sealed.
import { randomBytes } from "node:crypto";
import { credentialHostProblem } from "@/lib/connectors/hosts";
import { createConnector } from "@/lib/connectors/registry";
import type { AccountInfo, ConnectorOptions, CrmConnector, CrmCredentials, CrmKind, ZohoCredentials } from "@/lib/connectors/types";
import { zohoConcurrency } from "@/lib/connectors/zoho/editions";
import { isKnownAccountsServer, ZOHO_DATA_CENTERS, ZOHO_SCOPES } from "@/lib/connectors/zoho/data-centers";
import { openSecret, sealSecret } from "@/lib/crypto/secrets";
import {
  findIntegrationSecrets,
  markIntegrationStatus,
  recordIntegrationAccount,
  replaceIntegrationCredentials,
  saveIntegration,
  saveOAuthState,
  takeOAuthState,
} from "@/lib/db/queries/integrations";
import { sandboxEnabled } from "@/lib/env";
import { AppError, AuthError, CrmError } from "@/lib/errors";
import type { PipedriveConnect, ZohoConnect } from "@/lib/validation/integration";
import { appUrl, ZOHO_CALLBACK_PATH } from "./app-url";
import { openCredentials, sealCredentials } from "./credentials";
import { zohoSandboxClient } from "./sandbox-credentials";

const OAUTH_STATE_MINUTES = 15;

interface Actor {
  userId: string | null;
  actor: string;
}

/** Turns a CRM failure into a message for the admin, naming what to do. */
function connectionError(error: unknown): AppError {
  if (error instanceof AuthError) return new AppError("UNPROCESSABLE", `The CRM refused these credentials: ${error.message}`);
  if (error instanceof CrmError) return new AppError("UNAVAILABLE", `Could not reach the CRM: ${error.message}`);
  return error instanceof AppError ? error : new AppError("INTERNAL", "Could not check the connection.");
}

async function verifyAndSave(projectId: string, projectKey: string, credentials: CrmCredentials, who: Actor, options: ConnectorOptions = {}) {
  // Checked before anything is sent: a secret goes only to its CRM's own hosts.
  const refused = credentialHostProblem(credentials);
  if (refused) throw new AppError("UNPROCESSABLE", refused.message, [{ path: `connection.${refused.path}`, message: refused.message }]);
  let latest = credentials;
  let account: AccountInfo;
  try {
    account = await createConnector(credentials, { ...options, onCredentialsChange: (next) => void (latest = next) }).testConnection();
  } catch (error) {
    throw connectionError(error);
  }
  return saveIntegration({
    projectId,
    crm: credentials.crm,
    credentialsEncrypted: sealCredentials(latest),
    account: { ...account, checkedAt: new Date().toISOString() },
    concurrency: account.concurrency,
    audit: { ...who, target: projectKey },
  });
}

/** Any credentials (the config API's PUT): checked against the CRM first, stored only if they work. */
export async function connectWithCredentials(project: { id: string; key: string }, credentials: CrmCredentials, who: Actor) {
  return verifyAndSave(project.id, project.key, credentials, who);
}

export async function connectPipedrive(project: { id: string; key: string }, input: PipedriveConnect, who: Actor, options?: ConnectorOptions) {
  return verifyAndSave(project.id, project.key, { crm: "pipedrive", auth: "api_token", apiBase: input.apiBase, apiToken: input.apiToken }, who, options);
}

interface ZohoPending {
  dataCenter: string;
  accountsUrl: string;
  clientId: string;
  clientSecret: string;
  projectKey: string;
}

async function zohoClient(project: { id: string; key: string }, input: ZohoConnect): Promise<{ accountsUrl: string; clientId: string; clientSecret: string }> {
  if (input.dataCenter !== "sandbox") return { accountsUrl: ZOHO_DATA_CENTERS[input.dataCenter].accountsUrl, clientId: input.clientId, clientSecret: input.clientSecret };
  if (!sandboxEnabled()) throw new AppError("VALIDATION", "The sandbox CRMs are switched off on this server.");
  return zohoSandboxClient(project);
}

/** Step 1 of Zoho's authorization-code flow: where to send the admin to grant access. */
export async function startZohoConnect(project: { id: string; key: string }, userId: string, input: ZohoConnect): Promise<string> {
  const client = await zohoClient(project, input);
  const state = randomBytes(24).toString("base64url");
  const pending: ZohoPending = { dataCenter: input.dataCenter, ...client, projectKey: project.key };
  await saveOAuthState({ state, projectId: project.id, userId, payload: sealSecret(JSON.stringify(pending)), expiresAt: new Date(Date.now() + OAUTH_STATE_MINUTES * 60_000) });
  const url = new URL(`${client.accountsUrl}/oauth/v2/auth`);
  url.search = new URLSearchParams({
    scope: ZOHO_SCOPES,
    client_id: client.clientId,
    response_type: "code",
    access_type: "offline",
    prompt: "consent",
    redirect_uri: `${appUrl()}${ZOHO_CALLBACK_PATH}`,
    state,
  }).toString();
  return url.toString();
}

/**
 * Step 2: Zoho sends the admin back with a code. The state must be ours, unexpired and the same user's;
 * the accounts server Zoho names must be a real data centre (or our sandbox). Answers the project the
 * flow belongs to (null when the state is not ours) and the error to show there, if any.
 */
export async function finishZohoConnect(params: URLSearchParams, userId: string, fetcher: typeof fetch = fetch): Promise<{ projectKey: string | null; error: string | null }> {
  const stored = await takeOAuthState(params.get("state") ?? "");
  if (!stored || stored.userId !== userId) return { projectKey: null, error: "This Zoho authorization is unknown or has expired. Start the connection again." };
  const pending = JSON.parse(openSecret(stored.payload)) as ZohoPending;
  try {
    await exchangeZohoCode(params, stored, pending, userId, fetcher);
    return { projectKey: pending.projectKey, error: null };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { projectKey: pending.projectKey, error: error.message };
  }
}

async function exchangeZohoCode(params: URLSearchParams, stored: { projectId: string }, pending: ZohoPending, userId: string, fetcher: typeof fetch) {
  if (params.get("error")) throw new AppError("BAD_REQUEST", `Zoho did not grant access (${params.get("error")}).`);
  const code = params.get("code");
  if (!code) throw new AppError("BAD_REQUEST", "Zoho did not send an authorization code.");
  const sandboxAccounts = sandboxEnabled() ? `${appUrl()}/sandbox/zoho/accounts` : undefined;
  const accountsUrl = params.get("accounts-server") ?? pending.accountsUrl;
  if (!isKnownAccountsServer(accountsUrl, sandboxAccounts)) throw new AppError("BAD_REQUEST", "Zoho named an accounts server that is not a Zoho data centre.");

  let answer: Response;
  try {
    answer = await fetcher(`${accountsUrl}/oauth/v2/token`, {
      method: "POST",
      body: new URLSearchParams({ grant_type: "authorization_code", client_id: pending.clientId, client_secret: pending.clientSecret, redirect_uri: `${appUrl()}${ZOHO_CALLBACK_PATH}`, code }),
      signal: AbortSignal.timeout(15_000),
    });
  } catch (error) {
    throw new AppError("UNAVAILABLE", `Could not reach Zoho accounts: ${(error as Error).message}`);
  }
  const token = (await answer.json().catch(() => ({}))) as { access_token?: string; refresh_token?: string; api_domain?: string; expires_in?: number; error?: string };
  if (!token.access_token || !token.refresh_token || !token.api_domain) throw new AppError("UNPROCESSABLE", `Zoho refused the authorization code (${token.error ?? `HTTP ${answer.status}`}). Start the connection again.`);
  const credentials: ZohoCredentials = {
    crm: "zoho",
    dataCenter: pending.dataCenter,
    accountsUrl,
    apiDomain: token.api_domain,
    clientId: pending.clientId,
    clientSecret: pending.clientSecret,
    refreshToken: token.refresh_token,
    accessToken: token.access_token,
    accessTokenExpiresAt: Date.now() + (token.expires_in ?? 3600) * 1000,
  };
  await verifyAndSave(stored.projectId, pending.projectKey, credentials, { userId, actor: "oauth" }, { fetch: fetcher });
}

/**
 * The project's connector; refreshed tokens are stored sealed as soon as they arrive, and a refusal
 * of our credentials marks the integration broken (the engine pauses deliveries on that status).
 */
export async function projectConnector(
  projectId: string,
  options: ConnectorOptions = {},
): Promise<{ connector: CrmConnector; integrationId: string; crm: CrmKind; accountKey: string } | null> {
  const integration = await findIntegrationSecrets(projectId);
  if (!integration) return null;
  const edition = (integration.account as { edition?: string } | null)?.edition;
  const credentials = openCredentials(integration.credentialsEncrypted);
  const connector = createConnector(credentials, {
    // As wide as the customer's Zoho edition allows (Pipedrive limits by rate, not concurrency).
    ...(integration.crm === "zoho" ? { concurrency: zohoConcurrency(edition) } : {}),
    ...options,
    onCredentialsChange: async (next) => {
      await replaceIntegrationCredentials(integration.id, sealCredentials(next));
    },
  });
  // Which CRM account the connection writes to: a delivery journal of another account is never reused.
  const accountKey = credentials.crm === "zoho" ? credentials.apiDomain : credentials.apiBase;
  return { connector, integrationId: integration.id, crm: integration.crm, accountKey };
}

/** "Test connection": shows the CRM account and user; an AuthError marks the integration broken. */
export async function testIntegration(projectId: string): Promise<AccountInfo> {
  const found = await projectConnector(projectId);
  if (!found) throw new AppError("NOT_FOUND", "This project is not connected to a CRM yet.");
  try {
    const account = await found.connector.testConnection();
    await recordIntegrationAccount(found.integrationId, { ...account, checkedAt: new Date().toISOString() }, account.concurrency);
    return account;
  } catch (error) {
    if (error instanceof AuthError) await markIntegrationStatus(found.integrationId, "broken", error.message);
    throw connectionError(error);
  }
}
