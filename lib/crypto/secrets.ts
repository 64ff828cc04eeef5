// Sealing with the key of this deployment (ENCRYPTION_KEY), bound to where the value is stored, and random tokens.
// Values sealed with a key it replaced (ENCRYPTION_KEYS_RETIRED) still open; reseal.ts moves them over.
import { createHash, randomBytes } from "node:crypto";
import { env } from "@/lib/env";
import { keyId, open, seal } from "./secret-box";

/**
 * Where a sealed value lives: its table and column, and the row's identity (its id, or for a row that
 * exists once per project, the project id). A value moved to another row or column does not open.
 */
export interface SecretPlace {
  table: string;
  column: string;
  row: string;
}

const binding = (place: SecretPlace) => `${place.table}.${place.column}:${place.row}`;

export const sealSecret = (plaintext: string, place: SecretPlace) => seal(plaintext, env().ENCRYPTION_KEY, binding(place));
export const openSecret = (sealed: string, place: SecretPlace) => open(sealed, [env().ENCRYPTION_KEY, ...(env().ENCRYPTION_KEYS_RETIRED ?? [])], binding(place));

/** How a value sealed with the current key begins: anything else is to be sealed again (reseal.ts). */
export const currentSealPrefix = () => `v2:${keyId(env().ENCRYPTION_KEY)}:`;

/** The places of the app's sealed columns. */
export const secretPlaces = {
  webhookSecret: (projectId: string): SecretPlace => ({ table: "Project", column: "webhookSecretEncrypted", row: projectId }),
  /** One integration per project: bound to the project, since the row's own id is made on insert. */
  credentials: (projectId: string): SecretPlace => ({ table: "Integration", column: "credentialsEncrypted", row: projectId }),
  accessToken: (integrationId: string): SecretPlace => ({ table: "IntegrationToken", column: "accessTokenEncrypted", row: integrationId }),
  oauthState: (state: string): SecretPlace => ({ table: "OAuthState", column: "payload", row: state }),
  sandboxCredentials: (crm: string, account: string): SecretPlace => ({ table: "SandboxAccount", column: "credentials", row: `${crm}/${account}` }),
};

/** A URL-safe random token with a readable prefix, e.g. `cbt_…` for API tokens. */
export function randomToken(prefix: string, bytes = 32): string {
  return `${prefix}_${randomBytes(bytes).toString("base64url")}`;
}

/** API tokens are high-entropy, so a plain SHA-256 is enough to store them (no slow hash needed). */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
