// A project's connection keeps its access token in the database, sealed, so that every app and worker
// process uses the same one until it expires, and renews it one process at a time under a lock.
import { createHash } from "node:crypto";
import { openSecret, sealSecret, secretPlaces } from "@/lib/crypto/secrets";
import { findIntegrationToken, renewIntegrationToken, type IntegrationTokenRow } from "@/lib/db/queries/oauth-tokens";
import { openCredentials, sealCredentials } from "@/lib/connectors/sealed-credentials";
import type { CrmCredentials } from "../types";
import type { StoredToken, TokenRenewal, TokenStore } from "./token-store";

const digest = (credentialsEncrypted: string) => createHash("sha256").update(credentialsEncrypted).digest("hex");

/** The parts of the credentials a refresh may change and that must outlive the access token. */
const durable = (credentials: CrmCredentials) => JSON.stringify({ ...credentials, accessToken: undefined, accessTokenExpiresAt: undefined });

/**
 * The token of integration `integrationId`, as long as it was issued for the sealed credentials the
 * connector was made from (`credentialsEncrypted`): after a reconnection it belongs to another grant.
 */
export function databaseTokenStore(owner: { integrationId: string; projectId: string }, credentialsEncrypted: string): TokenStore<CrmCredentials> {
  const { integrationId, projectId } = owner;
  const own = digest(credentialsEncrypted);
  const place = secretPlaces.accessToken(integrationId);
  const opened = (row: IntegrationTokenRow | null, forDigest: string): StoredToken | null =>
    row && row.credentialsDigest === forDigest ? { accessToken: openSecret(row.accessTokenEncrypted, place), expiresAt: row.expiresAt.getTime(), version: row.version } : null;

  return {
    read: async () => opened(await findIntegrationToken(integrationId), own),
    async renew(renew) {
      let issued: TokenRenewal<CrmCredentials> | null = null;
      const row = await renewIntegrationToken(integrationId, async (now) => {
        // The credentials as stored now: another process may have stored a rotated refresh token.
        const sealed = now.credentialsEncrypted ?? credentialsEncrypted;
        const current = openCredentials(sealed, projectId);
        issued = await renew({ stored: opened(now.token, digest(sealed)), credentials: current });
        if (!issued) return null;
        const changed = durable(issued.credentials) !== durable(current);
        const next = changed ? sealCredentials(issued.credentials, projectId) : sealed;
        return {
          accessTokenEncrypted: sealSecret(issued.token.accessToken, place),
          expiresAt: new Date(issued.token.expiresAt),
          credentialsDigest: digest(next),
          credentialsEncrypted: changed ? next : undefined,
        };
      });
      if (row) return { accessToken: openSecret(row.accessTokenEncrypted, place), expiresAt: row.expiresAt.getTime(), version: row.version };
      // The connection was deleted meanwhile: the new token is still good for this call.
      const token = (issued as TokenRenewal<CrmCredentials> | null)?.token;
      return token ? { ...token, version: 0 } : null;
    },
  };
}
