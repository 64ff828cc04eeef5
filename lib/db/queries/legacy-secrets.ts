// The sealed columns not yet sealed with the current key — the old v1 format (no key id, not bound to
// their row), or a retired key (ENCRYPTION_KEYS_RETIRED) — and their replacement. Each replacement is conditional on the old value, so a process that rewrote the value
// meanwhile (a token refresh, a reconnection) wins.
import { db } from "../client";

export interface LegacySealedRow {
  kind: "webhookSecret" | "credentials" | "accessToken" | "oauthState";
  /** The row's key: project id, project id (integration), integration id, state. */
  row: string;
  sealed: string;
}

/** `current`: the prefix of values sealed with the current key (secrets.ts currentSealPrefix). */
export async function findLegacySealed(current: string, limit = 500): Promise<LegacySealedRow[]> {
  const legacy = { not: { startsWith: current } };
  const [projects, integrations, tokens, states] = await Promise.all([
    db().project.findMany({ where: { webhookSecretEncrypted: legacy }, select: { id: true, webhookSecretEncrypted: true }, take: limit }),
    db().integration.findMany({ where: { credentialsEncrypted: legacy }, select: { projectId: true, credentialsEncrypted: true }, take: limit }),
    db().integrationToken.findMany({ where: { accessTokenEncrypted: legacy }, select: { integrationId: true, accessTokenEncrypted: true }, take: limit }),
    db().oAuthState.findMany({ where: { payload: legacy }, select: { state: true, payload: true }, take: limit }),
  ]);
  return [
    ...projects.map((row) => ({ kind: "webhookSecret" as const, row: row.id, sealed: row.webhookSecretEncrypted })),
    ...integrations.map((row) => ({ kind: "credentials" as const, row: row.projectId, sealed: row.credentialsEncrypted })),
    ...tokens.map((row) => ({ kind: "accessToken" as const, row: row.integrationId, sealed: row.accessTokenEncrypted })),
    ...states.map((row) => ({ kind: "oauthState" as const, row: row.state, sealed: row.payload })),
  ];
}

/**
 * Replaces one value if it is still `from`. New credentials move the token row's digest with them: the
 * token was issued for these same credentials, only their sealing changed.
 */
export async function replaceSealed(target: LegacySealedRow, to: string, digests?: { from: string; to: string }): Promise<boolean> {
  const { kind, row, sealed: from } = target;
  if (kind === "webhookSecret") return (await db().project.updateMany({ where: { id: row, webhookSecretEncrypted: from }, data: { webhookSecretEncrypted: to } })).count === 1;
  if (kind === "accessToken") return (await db().integrationToken.updateMany({ where: { integrationId: row, accessTokenEncrypted: from }, data: { accessTokenEncrypted: to } })).count === 1;
  if (kind === "oauthState") return (await db().oAuthState.updateMany({ where: { state: row, payload: from }, data: { payload: to } })).count === 1;
  return db().$transaction(async (tx) => {
    const moved = await tx.integration.updateMany({ where: { projectId: row, credentialsEncrypted: from }, data: { credentialsEncrypted: to } });
    if (moved.count === 1 && digests) await tx.integrationToken.updateMany({ where: { integration: { projectId: row }, credentialsDigest: digests.from }, data: { credentialsDigest: digests.to } });
    return moved.count === 1;
  });
}
