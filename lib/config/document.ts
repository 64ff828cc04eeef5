// The config API's document: the connection (secrets masked), its status, and the configuration.
// GET → PUT of the same document → GET gives the same document.
import { activePause } from "@/lib/integrations/pause";
import { z } from "zod";
import type { CrmCredentials } from "@/lib/connectors/types";
import { findIntegrationSecrets, findIntegrationSummary, saveIntegration } from "@/lib/db/queries/integrations";
import { AppError, isAppError, issuesFromZod } from "@/lib/errors";
import { evaluateAlertsSoon } from "@/lib/alerts/evaluate";
import { createConnector, connectionInputSchema, maskedConnection, mergeConnection, type ConnectionInput } from "@/lib/connectors/registry";
import { inTransaction } from "@/lib/db/transaction";
import { integrationRow, verifyConnection, type VerifiedConnection } from "@/lib/integrations/connect";
import { openCredentials } from "@/lib/connectors/sealed-credentials";
import { forgetCrmMetadata, metadataOf } from "./metadata";
import { configSaved, loadConfig, replaceConfig, validateConfig } from "./service";

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

const sameCredentials = (a: CrmCredentials, b: CrmCredentials | null) => b !== null && JSON.stringify({ ...a, accessToken: undefined, accessTokenExpiresAt: undefined }) === JSON.stringify({ ...b, accessToken: undefined, accessTokenExpiresAt: undefined });

/** The connection a PUT sends, verified against the CRM when it differs from the stored one; null when it does not. */
async function changedConnection(projectId: string, input: ConnectionInput): Promise<VerifiedConnection | null> {
  const secrets = await findIntegrationSecrets(projectId);
  const stored = secrets ? openCredentials(secrets.credentialsEncrypted, projectId) : null;
  const next = mergeConnection(input, stored);
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
