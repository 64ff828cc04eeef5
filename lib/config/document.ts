// The config API's document: the connection (secrets masked), its status, and the configuration.
// GET → PUT of the same document → GET gives the same document.
import { activePause } from "@/lib/integrations/pause";
import { z } from "zod";
import type { CrmCredentials } from "@/lib/connectors/types";
import { findIntegrationSecrets, findIntegrationSummary, saveIntegration } from "@/lib/db/queries/integrations";
import { AppError, isAppError, issuesFromZod } from "@/lib/errors";
import { evaluateAlertsSoon } from "@/lib/alerts/evaluate";
import { createConnector } from "@/lib/connectors/registry";
import { inTransaction } from "@/lib/db/transaction";
import { integrationRow, verifyConnection, type VerifiedConnection } from "@/lib/integrations/connect";
import { openCredentials } from "@/lib/integrations/credentials";
import { connectionInputSchema, SECRET_MASK, type ConnectionInput } from "@/lib/validation/integration";
import { forgetCrmMetadata, metadataOf } from "./metadata";
import { configSaved, loadConfig, replaceConfig, validateConfig } from "./service";

function maskedConnection(credentials: CrmCredentials): ConnectionInput {
  if (credentials.crm === "pipedrive") {
    if (credentials.auth === "oauth") {
      const { apiBase, oauthBase, clientId } = credentials;
      return { crm: "pipedrive", auth: "oauth", apiBase, oauthBase, clientId, clientSecret: SECRET_MASK, refreshToken: SECRET_MASK };
    }
    return { crm: "pipedrive", auth: "api_token", apiBase: credentials.apiBase, apiToken: SECRET_MASK };
  }
  return {
    crm: "zoho",
    // Stored only after the data centre was checked, so it is one of the schema's values.
    dataCenter: credentials.dataCenter as Extract<ConnectionInput, { crm: "zoho" }>["dataCenter"],
    accountsUrl: credentials.accountsUrl,
    apiDomain: credentials.apiDomain,
    clientId: credentials.clientId,
    clientSecret: SECRET_MASK,
    refreshToken: SECRET_MASK,
  };
}

export async function getIntegrationDocument(projectId: string) {
  const [summary, secrets, config] = await Promise.all([findIntegrationSummary(projectId), findIntegrationSecrets(projectId), loadConfig(projectId)]);
  return {
    crm: summary?.crm ?? null,
    status: summary?.status ?? "not_connected",
    lastError: summary?.lastError ?? null,
    pause: activePause(summary),
    account: summary?.account ?? null,
    connection: secrets ? maskedConnection(openCredentials(secrets.credentialsEncrypted, projectId)) : null,
    config,
  };
}

export const documentInputSchema = z.object({
  // crm, status, lastError, pause and account are read-only: accepted in a PUT (so a GET can be sent back) and ignored.
  connection: z.unknown().optional(),
  config: z.unknown(),
});

const keepRefused = (path: string, message: string) => new AppError("UNPROCESSABLE", "The configuration is not valid; nothing was changed.", [{ path, message }]);

/**
 * Masked secrets in the input mean "keep the stored one", but only for the same host, endpoint and
 * account: a stored secret is never sent anywhere else, so a changed address needs the secret again.
 */
function mergeSecrets(input: ConnectionInput, stored: CrmCredentials | null): CrmCredentials {
  if (input.crm === "pipedrive" && input.auth === "api_token") {
    const apiBase = input.apiBase.replace(/\/+$/, "");
    if (input.apiToken !== SECRET_MASK) return { crm: "pipedrive", auth: "api_token", apiBase, apiToken: input.apiToken };
    if (stored?.crm !== "pipedrive" || stored.auth !== "api_token") throw keepRefused("connection.apiToken", "Send the API token: none is stored yet.");
    if (stored.apiBase !== apiBase) throw keepRefused("connection.apiToken", "Send the API token again: the stored one is kept only for the same apiBase.");
    return { crm: "pipedrive", auth: "api_token", apiBase, apiToken: stored.apiToken };
  }
  if (input.crm === "pipedrive") {
    const keep = stored?.crm === "pipedrive" && stored.auth === "oauth" ? stored : null;
    const secret = keptSecret(keep ? (["apiBase", "oauthBase", "clientId"] as const).filter((field) => keep[field] !== input[field]) : []);
    const refreshToken = secret(input.refreshToken, keep?.refreshToken, "connection.refreshToken");
    // A kept grant keeps its access token; a new one gets its first token on the first call.
    const access = keep && refreshToken === keep.refreshToken ? { accessToken: keep.accessToken, accessTokenExpiresAt: keep.accessTokenExpiresAt } : { accessToken: "", accessTokenExpiresAt: 0 };
    return { crm: "pipedrive", auth: "oauth", apiBase: input.apiBase, oauthBase: input.oauthBase, clientId: input.clientId, clientSecret: secret(input.clientSecret, keep?.clientSecret, "connection.clientSecret"), refreshToken, ...access };
  }
  const keep = stored?.crm === "zoho" ? stored : null;
  const secret = keptSecret(keep ? (["dataCenter", "accountsUrl", "apiDomain", "clientId"] as const).filter((field) => keep[field] !== input[field]) : []);
  return {
    crm: "zoho",
    dataCenter: input.dataCenter,
    accountsUrl: input.accountsUrl,
    apiDomain: input.apiDomain,
    clientId: input.clientId,
    clientSecret: secret(input.clientSecret, keep?.clientSecret, "connection.clientSecret"),
    refreshToken: secret(input.refreshToken, keep?.refreshToken, "connection.refreshToken"),
  };
}

/** The secret to store for a masked or new value; `changed` names the addresses that differ from the stored ones. */
const keptSecret = (changed: string[]) => (value: string, kept: string | undefined, path: string) => {
  if (value !== SECRET_MASK) return value;
  if (!kept) throw keepRefused(path, "Send the secret: none is stored yet.");
  if (changed.length) throw keepRefused(path, `Send the secret again: the stored one is kept only while ${changed.join(", ")} stay the same.`);
  return kept;
};

const sameCredentials = (a: CrmCredentials, b: CrmCredentials | null) => b !== null && JSON.stringify({ ...a, accessToken: undefined, accessTokenExpiresAt: undefined }) === JSON.stringify({ ...b, accessToken: undefined, accessTokenExpiresAt: undefined });

/** The connection a PUT sends, verified against the CRM when it differs from the stored one; null when it does not. */
async function changedConnection(projectId: string, input: ConnectionInput): Promise<VerifiedConnection | null> {
  const secrets = await findIntegrationSecrets(projectId);
  const stored = secrets ? openCredentials(secrets.credentialsEncrypted, projectId) : null;
  const next = mergeSecrets(input, stored);
  return sameCredentials(next, stored) ? null : verifyConnection(next);
}

/**
 * The config API's PUT: a changed connection is verified against the CRM first (nothing stored), the
 * configuration is checked against that CRM's metadata, and both are stored in one transaction. The
 * integration's status is never changed here: a new connection starts inactive.
 */
export async function putIntegrationDocument(project: { id: string; key: string }, raw: unknown, who: { userId: string | null; actor: string }) {
  const body = documentInputSchema.safeParse(raw);
  if (!body.success) throw new AppError("UNPROCESSABLE", "The document must be a JSON object with `config`.", issuesFromZod(body.error.issues));
  const connection = body.data.connection === undefined || body.data.connection === null ? null : connectionInputSchema.safeParse(body.data.connection);
  const connectionIssues = connection && !connection.success ? issuesFromZod(connection.error.issues, "connection.") : [];

  const pending = connection?.success ? await changedConnection(project.id, connection.data) : null;
  const source = connectionIssues.length ? null : pending ? () => metadataOf(createConnector(pending.credentials)) : undefined;
  let config;
  try {
    config = await validateConfig(project.id, body.data.config, source);
  } catch (error) {
    if (isAppError(error) && error.code === "UNPROCESSABLE") throw new AppError("UNPROCESSABLE", error.message, [...connectionIssues, ...error.issues]);
    throw error;
  }
  if (connectionIssues.length) throw new AppError("UNPROCESSABLE", "The configuration is not valid; nothing was changed.", connectionIssues);

  await inTransaction(async (tx) => {
    if (pending) await saveIntegration(integrationRow(project, pending, who), tx);
    await replaceConfig(project, config, who, tx);
  });
  if (pending) {
    forgetCrmMetadata(project.id);
    evaluateAlertsSoon(project.id);
  }
  configSaved(project.id);
  return getIntegrationDocument(project.id);
}
