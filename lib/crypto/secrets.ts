// Sealing with the key of this deployment (ENCRYPTION_KEY), and random tokens.
import { createHash, randomBytes } from "node:crypto";
import { env } from "@/lib/env";
import { open, seal } from "./secret-box";

export const sealSecret = (plaintext: string) => seal(plaintext, env().ENCRYPTION_KEY);
export const openSecret = (sealed: string) => open(sealed, env().ENCRYPTION_KEY);

/** A URL-safe random token with a readable prefix, e.g. `cbt_…` for API tokens. */
export function randomToken(prefix: string, bytes = 32): string {
  return `${prefix}_${randomBytes(bytes).toString("base64url")}`;
}

/** API tokens are high-entropy, so a plain SHA-256 is enough to store them (no slow hash needed). */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
