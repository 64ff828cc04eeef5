// The connection's shared OAuth access token (sealed by the caller) and the lock that lets only one
// process at a time ask the CRM for a new one.
import { db } from "../client";

export interface IntegrationTokenRow {
  accessTokenEncrypted: string;
  expiresAt: Date;
  /** SHA-256 of the sealed credentials the token belongs to. */
  credentialsDigest: string;
  version: number;
}

const columns = { accessTokenEncrypted: true, expiresAt: true, credentialsDigest: true, version: true } as const;

export const findIntegrationToken = (integrationId: string): Promise<IntegrationTokenRow | null> =>
  db().integrationToken.findUnique({ where: { integrationId }, select: columns });

/** What a renewal stores: the new sealed token, and the sealed credentials when the refresh changed them. */
export interface TokenRenewalRow {
  accessTokenEncrypted: string;
  expiresAt: Date;
  credentialsDigest: string;
  credentialsEncrypted?: string;
}

/**
 * Runs `renew` holding a transaction-scoped advisory lock on the integration: every process renewing the
 * same connection waits here and then sees what the one before it stored. `renew` gets the stored token
 * and the sealed credentials as they are now (another process may have rotated the refresh token); what
 * it returns is stored as the next version, and nothing is written when it returns null.
 */
export async function renewIntegrationToken(
  integrationId: string,
  renew: (now: { token: IntegrationTokenRow | null; credentialsEncrypted: string | null }) => Promise<TokenRenewalRow | null>,
): Promise<IntegrationTokenRow | null> {
  return db().$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`integration-token:${integrationId}`}, 0))`;
      const [token, integration] = await Promise.all([
        tx.integrationToken.findUnique({ where: { integrationId }, select: columns }),
        tx.integration.findUnique({ where: { id: integrationId }, select: { credentialsEncrypted: true } }),
      ]);
      const renewal = await renew({ token, credentialsEncrypted: integration?.credentialsEncrypted ?? null });
      // A connection deleted meanwhile keeps nothing.
      if (!renewal || !integration) return token;
      const { credentialsEncrypted, ...row } = renewal;
      if (credentialsEncrypted) await tx.integration.update({ where: { id: integrationId }, data: { credentialsEncrypted } });
      return tx.integrationToken.upsert({
        where: { integrationId },
        create: { integrationId, ...row },
        update: { ...row, version: { increment: 1 } },
        select: columns,
      });
    },
    // The lock is held across the CRM's token request (15 s timeout), and waiters queue behind it.
    { maxWait: 30_000, timeout: 90_000 },
  );
}
