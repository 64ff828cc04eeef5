import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { open, seal } from "./secret-box";

const key = randomBytes(32).toString("base64");

describe("secret box (AES-256-GCM)", () => {
  it("opens what it sealed, and never stores the plaintext", () => {
    const sealed = seal("pipedrive-api-token-123", key);
    expect(sealed.startsWith("v1:")).toBe(true);
    expect(sealed).not.toContain("pipedrive-api-token-123");
    expect(open(sealed, key)).toBe("pipedrive-api-token-123");
  });

  it("uses a fresh IV every time", () => {
    expect(seal("same", key)).not.toBe(seal("same", key));
  });

  it("refuses a tampered ciphertext", () => {
    const sealed = seal("secret", key);
    const raw = Buffer.from(sealed.slice(3), "base64");
    raw.writeUInt8(raw.readUInt8(raw.length - 1) ^ 1, raw.length - 1);
    expect(() => open(`v1:${raw.toString("base64")}`, key)).toThrow();
  });

  it("refuses another key", () => {
    expect(() => open(seal("secret", key), randomBytes(32).toString("base64"))).toThrow();
  });

  it("refuses a key of the wrong length", () => {
    expect(() => seal("secret", randomBytes(16).toString("base64"))).toThrow(/32 bytes/);
  });
});
