// Connecting a project to its CRM (F1): check the credentials against the CRM, then store them sealed.
import { randomBytes } from "node:crypto";
import { evaluateAlertsSoon } from "@/lib/alerts/evaluate";
import { databaseTokenStore } from "@/lib/connectors/oauth/database-token-store";
import { OAuthRefused, type OAuthPending, type SandboxOAuth } from "@/lib/connectors/oauth/provider";
import { connectionAccount, createConnector, credentialHostProblem, oauthProvider } from "@/lib/connectors/registry";
import type { AccountInfo, ConnectorOptions, CrmConnector, CrmCredentials, CrmKind } from "@/lib/connectors/types";
import { openSecret, sealSecret, secretPlaces } from "@/lib/crypto/secrets";
import {
  clearConfigError,
  findIntegrationSecrets,
  markIntegrationStatus,
  noteConfigError,
  recordIntegrationAccount,
  saveIntegration,
  saveOAuthState,
  setIntegrationStatus,
  consumeOAuthState,
  findOwnOAuthState,
} from "@/lib/db/queries/integrations";
import { appUrl } from "@/lib/env";
import { AppError, isAppError, isAuthError, isConfigurationError, isCrmError, isRetryableError } from "@/lib/errors";
import { oauthCallbackPath } from "./app-url";
import { asSentence, configurationProblem, isCurrent } from "./config-error";
import { openCredentials, sealCredentials } from "@/lib/connectors/sealed-credentials";

const OAUTH_STATE_MINUTES = 15;

interface Actor {
  userId: string | null;
  actor: string;
}

/** Turns a CRM failure into a message for the admin, naming what to do. */
function connectionError(error: unknown): AppError {
  if (isAuthError(error)) return new AppError("UNPROCESSABLE", `The CRM refused these credentials: ${error.message}`);
  // Nothing was sent: this server's settings, not the CRM, are what the admin (or operator) must look at.
  if (isConfigurationError(error)) return new AppError("UNAVAILABLE", `${asSentence(error.message)}.`);
  if (isCrmError(error)) return new AppError("UNAVAILABLE", `Could not reach the CRM: ${error.message}`);
  return isAppError(error) ? error : new AppError("INTERNAL", "Could not check the connection.");
}

/** Credentials the CRM accepted, with what its test showed; not stored yet. */
export interface VerifiedConnection {
  credentials: CrmCredentials;
  account: AccountInfo;
}

/** Checks credentials against the CRM without storing anything; the answer carries any token renewed meanwhile. */
export async function verifyConnection(credentials: CrmCredentials, options: ConnectorOptions = {}): Promise<VerifiedConnection> {
  // Checked before anything is sent: a secret goes only to its CRM's own hosts.
  const refused = credentialHostProblem(credentials);
  if (refused) throw new AppError("UNPROCESSABLE", refused.message, [{ path: `connection.${refused.path}`, message: refused.message }]);
  let latest = credentials;
  try {
    const account = await createConnector(credentials, { ...options, onCredentialsChange: (next) => void (latest = next) }).testConnection();
    return { credentials: latest, account };
  } catch (error) {
    throw connectionError(error);
  }
}

/** What saveIntegration stores for verified credentials. */
export const integrationRow = (project: { id: string; key: string }, verified: VerifiedConnection, who: Actor) => ({
  projectId: project.id,
  crm: verified.credentials.crm,
  credentialsEncrypted: sealCredentials(verified.credentials, project.id),
  account: { ...verified.account, checkedAt: new Date().toISOString() },
  concurrency: verified.account.concurrency,
  audit: { ...who, target: project.key },
});

/**
 * Any credentials (an API token, an OAuth exchange): checked against the CRM first, stored only if they
 * work. A new connection starts inactive and a reconnection keeps the status; only activate/deactivate
 * change it. A broken integration connected again closes its incident (and tells the admins).
 */
export async function connectWithCredentials(project: { id: string; key: string }, credentials: CrmCredentials, who: Actor, options: ConnectorOptions = {}) {
  const saved = await saveIntegration(integrationRow(project, await verifyConnection(credentials, options), who));
  evaluateAlertsSoon(project.id);
  return saved;
}

/** Step 1 of a CRM's authorization-code flow: where to send the admin to grant access. */
export async function startOAuthConnect(project: { id: string; key: string }, userId: string, crm: CrmKind, input: unknown, sandboxOAuth: SandboxOAuth | null = null): Promise<string> {
  const sandbox = async () => {
    if (!sandboxOAuth) throw new AppError("VALIDATION", "error.sandboxOff");
    const client = await sandboxOAuth.client(crm, project);
    if (!client) throw new AppError("VALIDATION", "error.noSandbox");
    return client;
  };
  const provider = oauthProvider(crm);
  const pending = await provider.start(input, sandbox);
  const state = randomBytes(24).toString("base64url");
  await saveOAuthState({ state, projectId: project.id, userId, payload: sealSecret(JSON.stringify({ crm, projectKey: project.key, pending }), secretPlaces.oauthState(state)), expiresAt: new Date(Date.now() + OAUTH_STATE_MINUTES * 60_000) });
  return provider.authorizeUrl(pending, `${appUrl()}${oauthCallbackPath(crm)}`, state);
}

/** What went wrong in a callback, as a code the Integration page turns into its own message (never free text in the URL). */
export type OAuthErrorCode = "oauth-state" | "oauth-refused" | "crm-unavailable" | "oauth-failed";
export type OAuthOutcome = { projectKey: string | null; error: null } | { projectKey: string | null; error: string; code: OAuthErrorCode };

/**
 * Step 2: the CRM sends the admin back with a code. The state must be ours, unexpired, the same user's and
 * for the same CRM — all checked before it is used up, so a stranger's (or a wrong CRM's) callback cannot
 * cancel the owner's flow. Answers the project the flow belongs to (null when the state is not ours) and
 * the error to show there, if any.
 */
export async function finishOAuthConnect(crm: CrmKind, params: URLSearchParams, userId: string, fetcher: typeof fetch = fetch, sandboxOAuth: SandboxOAuth | null = null): Promise<OAuthOutcome> {
  const state = params.get("state") ?? "";
  const stored = await findOwnOAuthState(state, userId);
  const flow = stored ? (JSON.parse(openSecret(stored.payload, secretPlaces.oauthState(state))) as { crm: CrmKind; projectKey: string; pending: OAuthPending }) : null;
  const unknown = { projectKey: null, error: "This authorization is unknown or has expired. Start the connection again.", code: "oauth-state" } as const;
  if (!stored || !flow || flow.crm !== crm) return unknown;
  if (!(await consumeOAuthState(state, userId))) return unknown;
  const failed = (code: OAuthErrorCode, error: string) => ({ projectKey: flow.projectKey, error, code });
  try {
    const redirectUri = `${appUrl()}${oauthCallbackPath(crm)}`;
    const credentials = await oauthProvider(crm).exchange(params, flow.pending, redirectUri, { fetch: fetcher, sandboxAuthBase: sandboxOAuth?.server(crm) });
    await connectWithCredentials({ id: stored.projectId, key: flow.projectKey }, credentials, { userId, actor: "oauth" }, { fetch: fetcher });
    return { projectKey: flow.projectKey, error: null };
  } catch (error) {
    if (error instanceof OAuthRefused) return failed("oauth-refused", error.message);
    if (isRetryableError(error)) return failed("crm-unavailable", `${error.message}. Try again in a moment.`);
    if (!isAppError(error)) throw error;
    return failed("oauth-failed", error.message);
  }
}

/**
 * The project's connector; its access token is shared with every process through the database, and a refusal
 * of our credentials marks the integration broken (the engine pauses deliveries on that status).
 */
export async function projectConnector(
  projectId: string,
  options: ConnectorOptions = {},
): Promise<{ connector: CrmConnector; integrationId: string; crm: CrmKind; status: string; accountKey: string; configError: string | null } | null> {
  const integration = await findIntegrationSecrets(projectId);
  if (!integration) return null;
  const credentials = openCredentials(integration.credentialsEncrypted, projectId);
  const connector = createConnector(credentials, {
    // The plan the last test found sets how many calls the CRM takes at once.
    edition: (integration.account as { edition?: string } | null)?.edition,
    ...options,
    // Every process shares the connection's access token through the database (sealed, renewed under a lock).
    tokenStore: databaseTokenStore({ integrationId: integration.id, projectId }, integration.credentialsEncrypted),
  });
  return { connector, integrationId: integration.id, crm: integration.crm, status: integration.status, accountKey: connectionAccount(credentials), configError: integration.configError };
}

/**
 * "Test connection": the same connector, checks and transport as a delivery, so it cannot say OK while
 * deliveries fail. Shows the CRM account and user; an AuthError marks the integration broken; a refusal by
 * this server's configuration is noted as a configuration error and leaves the status alone. When this
 * process reaches the CRM but a delivery process noted a configuration error minutes ago, that is the answer.
 * A broken integration whose stored credentials work again becomes inactive (`recover`: an admin's test,
 * audited), so that the admin can activate it, with the replay, instead of connecting again.
 */
export async function testIntegration(projectId: string, recover?: { userId: string | null; actor: string; target: string }): Promise<AccountInfo & { recovered: boolean }> {
  const found = await projectConnector(projectId);
  if (!found) throw new AppError("NOT_FOUND", "error.notConnectedYet");
  let account: AccountInfo;
  try {
    account = await found.connector.testConnection();
  } catch (error) {
    if (isAuthError(error)) {
      await markIntegrationStatus(found.integrationId, "broken", error.message);
      evaluateAlertsSoon(projectId);
    }
    if (isConfigurationError(error)) await noteConfigError(found.integrationId, error.message);
    throw connectionError(error);
  }
  await recordIntegrationAccount(found.integrationId, { ...account, checkedAt: new Date().toISOString() }, account.concurrency);
  const elsewhere = configurationProblem(await findIntegrationSecrets(projectId));
  if (elsewhere && isCurrent(elsewhere)) {
    throw new AppError("UNAVAILABLE", `This server reaches the CRM, but another Callbridge process reported at ${elsewhere.at.toISOString()}: ${elsewhere.problem}. Deliveries wait until that process's settings are fixed.`);
  }
  await clearConfigError(found.integrationId);
  const recovered = Boolean(recover) && found.status === "broken";
  if (recover && recovered) {
    await setIntegrationStatus(projectId, "inactive", { ...recover, action: "integration.recovered", details: {} });
    evaluateAlertsSoon(projectId);
  }
  return { ...account, recovered };
}
