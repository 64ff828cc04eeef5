// Secrets we must be able to read back (webhook secrets, CRM tokens) are sealed with AES-256-GCM:
// a leaked database dump alone reveals none of them, and tampering is detected on open.
//
// Format v2 — `v2:<key id>:<base64 iv|tag|ciphertext>`. The key id (a fingerprint of the key, not the key)
// says which key sealed it, so a wrong or rotated key fails with a clear message instead of "bad tag". The
// associated data binds the ciphertext to where it is stored (table, column, row): a sealed value copied
// into another row or column — say another tenant's integration — no longer opens.
// Format v1 — `v1:<base64>`, no key id, no binding — is still opened (installations sealed with it keep
// working) and replaced by v2 whenever the value is written again.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

const IV_BYTES = 12;
const TAG_BYTES = 16;

function keyFrom(base64Key: string): Buffer {
  const key = Buffer.from(base64Key, "base64");
  if (key.length !== 32) throw new Error("ENCRYPTION_KEY must be 32 bytes encoded as base64");
  return key;
}

/** A short public fingerprint of a key: which key sealed a value, revealing nothing about the key. */
export function keyId(base64Key: string): string {
  return createHash("sha256").update("callbridge secret-box key id\0").update(keyFrom(base64Key)).digest("base64url").slice(0, 10);
}

const associated = (id: string, binding: string) => Buffer.from(`callbridge:v2:${id}:${binding}`, "utf8");

/** Seals `plaintext` for the place named by `binding` (e.g. `Project.webhookSecret:<project id>`). */
export function seal(plaintext: string, base64Key: string, binding: string): string {
  const id = keyId(base64Key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", keyFrom(base64Key), iv);
  cipher.setAAD(associated(id, binding));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return `v2:${id}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64")}`;
}

function decrypt(payload: string, key: Buffer, aad: Buffer | null): string {
  const raw = Buffer.from(payload, "base64");
  const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, IV_BYTES));
  if (aad) decipher.setAAD(aad);
  decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString("utf8");
}

/** Opens a value sealed for `binding` with one of `keys` (the current key first); throws if it was sealed elsewhere. */
export function open(sealed: string, keys: string | string[], binding: string): string {
  const ring = Array.isArray(keys) ? keys : [keys];
  const [version, ...rest] = sealed.split(":");
  if (version === "v1" && rest.length === 1 && rest[0]) return decrypt(rest[0], keyFrom(ring[0]!), null);
  if (version !== "v2" || rest.length !== 2 || !rest[1]) throw new Error("not a sealed secret");
  const [id, payload] = rest as [string, string];
  const key = ring.find((candidate) => keyId(candidate) === id);
  if (!key) throw new Error(`this secret was sealed with key ${id}, which this server does not have (its ENCRYPTION_KEY is ${keyId(ring[0]!)})`);
  return decrypt(payload, keyFrom(key), associated(id, binding));
}

/** Sealed in the old format (no key id, no binding): to be sealed again when next written. */
export const isLegacySealed = (sealed: string) => sealed.startsWith("v1:");
