import { createCipheriv, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { isLegacySealed, keyId, open, seal } from "./secret-box";

const key = randomBytes(32).toString("base64");
const HERE = "Integration.credentialsEncrypted:project-a";

/** A value sealed the way every release before v2 did (`v1:` iv|tag|body, no associated data). */
function sealV1(plaintext: string, base64Key: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", Buffer.from(base64Key, "base64"), iv);
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return `v1:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64")}`;
}

describe("secret box (AES-256-GCM)", () => {
  it("opens what it sealed, names the key that sealed it, and never stores the plaintext", () => {
    const sealed = seal("pipedrive-api-token-123", key, HERE);
    expect(sealed.startsWith(`v2:${keyId(key)}:`)).toBe(true);
    expect(sealed).not.toContain("pipedrive-api-token-123");
    expect(open(sealed, key, HERE)).toBe("pipedrive-api-token-123");
  });

  it("does not open in another row or column: a ciphertext moved there fails", () => {
    const sealed = seal("secret", key, HERE);
    expect(() => open(sealed, key, "Integration.credentialsEncrypted:project-b")).toThrow();
    expect(() => open(sealed, key, "Project.webhookSecretEncrypted:project-a")).toThrow();
  });

  it("a key id is a fingerprint: stable per key, different between keys, not the key", () => {
    const other = randomBytes(32).toString("base64");
    expect(keyId(key)).toBe(keyId(key));
    expect(keyId(key)).not.toBe(keyId(other));
    expect(key).not.toContain(keyId(key));
  });

  it("says which key is missing when sealed with another, and opens with it from a key ring", () => {
    const old = randomBytes(32).toString("base64");
    const sealed = seal("secret", old, HERE);
    expect(() => open(sealed, key, HERE)).toThrow(new RegExp(`sealed with key ${keyId(old)}`));
    expect(open(sealed, [key, old], HERE)).toBe("secret");
  });

  it("still opens the old v1 format (existing installations), wherever it is", () => {
    const legacy = sealV1("whsec_old", key);
    expect(isLegacySealed(legacy)).toBe(true);
    expect(open(legacy, key, HERE)).toBe("whsec_old");
    expect(isLegacySealed(seal("x", key, HERE))).toBe(false);
  });

  it("uses a fresh IV every time", () => {
    expect(seal("same", key, HERE)).not.toBe(seal("same", key, HERE));
  });

  it("refuses a tampered ciphertext, its key id or a truncated value", () => {
    const sealed = seal("secret", key, HERE);
    const [, id, payload] = sealed.split(":");
    const raw = Buffer.from(payload!, "base64");
    raw.writeUInt8(raw.readUInt8(raw.length - 1) ^ 1, raw.length - 1);
    expect(() => open(`v2:${id}:${raw.toString("base64")}`, key, HERE)).toThrow();
    expect(() => open(`v2:${id}`, key, HERE)).toThrow(/not a sealed secret/);
    expect(() => open("plain text", key, HERE)).toThrow(/not a sealed secret/);
  });

  it("refuses another key", () => {
    expect(() => open(seal("secret", key, HERE), randomBytes(32).toString("base64"), HERE)).toThrow();
  });

  it("refuses a key of the wrong length", () => {
    expect(() => seal("secret", randomBytes(16).toString("base64"), HERE)).toThrow(/32 bytes/);
  });
});
