// Values an older release sealed in the v1 format (the demo's .data database, existing installations):
// the app still opens them, and the start-up pass seals them again as v2, bound to their row, so that from
// then on a copy into another row fails. Real PostgreSQL.
import { createCipheriv, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { webhookProject } from "@/lib/events/webhook-project";
import { openCredentials } from "@/lib/connectors/sealed-credentials";
import { makeProject } from "@/testing/factories";
import { resealLegacySecrets } from "./reseal-secrets";
import { forgetEnv } from "@/lib/env";
import { keyId, seal } from "@/lib/crypto/secret-box";
import { openSecret, secretPlaces } from "@/lib/crypto/secrets";

/** Exactly what releases before v2 stored: `v1:` iv|tag|ciphertext, no associated data. */
function sealV1(plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", Buffer.from(process.env.ENCRYPTION_KEY!, "base64"), iv);
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return `v1:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64")}`;
}

describe("v1 secrets of existing installations", () => {
  it("still open, and are sealed again as v2 bound to their row; a copy into another row then fails", async () => {
    const a = await db().project.findUniqueOrThrow({ where: { key: (await makeProject("Legacy A")).projectKey } });
    const b = await db().project.findUniqueOrThrow({ where: { key: (await makeProject("Legacy B")).projectKey } });
    const credentials = { crm: "pipedrive", auth: "api_token", apiBase: "http://127.0.0.1:9", apiToken: "legacy-token-".padEnd(40, "x") } as const;
    await db().project.update({ where: { id: a.id }, data: { webhookSecretEncrypted: sealV1("whsec_legacy") } });
    const integration = await db().integration.create({ data: { projectId: a.id, crm: "pipedrive", status: "inactive", credentialsEncrypted: sealV1(JSON.stringify(credentials)) } });
    const oldDigest = (await import("node:crypto")).createHash("sha256").update(integration.credentialsEncrypted).digest("hex");
    await db().integrationToken.create({ data: { integrationId: integration.id, accessTokenEncrypted: sealV1("legacy-access"), expiresAt: new Date(Date.now() + 3_600_000), credentialsDigest: oldDigest } });

    // Before the pass: the webhook path opens the v1 secret.
    expect(await webhookProject(a.key)).toMatchObject({ webhookSecret: "whsec_legacy" });

    expect(await resealLegacySecrets()).toBeGreaterThanOrEqual(3);
    const project = await db().project.findUniqueOrThrow({ where: { id: a.id } });
    const stored = await db().integration.findUniqueOrThrow({ where: { id: integration.id } });
    const token = await db().integrationToken.findUniqueOrThrow({ where: { integrationId: integration.id } });
    for (const value of [project.webhookSecretEncrypted, stored.credentialsEncrypted, token.accessTokenEncrypted]) expect(value).toMatch(/^v2:/);
    expect(openSecret(project.webhookSecretEncrypted, secretPlaces.webhookSecret(a.id))).toBe("whsec_legacy");
    expect(openCredentials(stored.credentialsEncrypted, a.id)).toEqual(credentials);
    expect(openSecret(token.accessTokenEncrypted, secretPlaces.accessToken(integration.id))).toBe("legacy-access");
    // The stored access token still belongs to these (same) credentials.
    expect(token.credentialsDigest).toBe((await import("node:crypto")).createHash("sha256").update(stored.credentialsEncrypted).digest("hex"));

    // Moved into project B's row, A's webhook secret no longer opens.
    expect(() => openSecret(project.webhookSecretEncrypted, secretPlaces.webhookSecret(b.id))).toThrow();
    expect(await resealLegacySecrets()).toBe(0);
  });
});

describe("rotating ENCRYPTION_KEY", () => {
  it("opens values sealed with a retired key, seals them again with the new one, and then needs the old key no more", async () => {
    const current = process.env.ENCRYPTION_KEY!;
    const retired = randomBytes(32).toString("base64");
    const stranger = randomBytes(32).toString("base64");
    const a = await db().project.findUniqueOrThrow({ where: { key: (await makeProject("Rotated A")).projectKey } });
    const b = await db().project.findUniqueOrThrow({ where: { key: (await makeProject("Rotated B")).projectKey } });
    // A's secret was sealed before the rotation, with the key now retired; B's with a key this server never had.
    await db().project.update({ where: { id: a.id }, data: { webhookSecretEncrypted: seal("whsec_before_rotation", retired, "Project.webhookSecretEncrypted:" + a.id) } });
    await db().project.update({ where: { id: b.id }, data: { webhookSecretEncrypted: seal("whsec_unknown_key", stranger, "Project.webhookSecretEncrypted:" + b.id) } });
    const sealedA = () => db().project.findUniqueOrThrow({ where: { id: a.id } }).then((row) => row.webhookSecretEncrypted);
    try {
      // Without the retired key listed, the value names the key it needs.
      await expect(sealedA().then((sealed) => openSecret(sealed, secretPlaces.webhookSecret(a.id)))).rejects.toThrow(/sealed with key \S+, which this server does not have/);

      process.env.ENCRYPTION_KEYS_RETIRED = `${randomBytes(32).toString("base64")}, ${retired}`;
      forgetEnv();
      expect(openSecret(await sealedA(), secretPlaces.webhookSecret(a.id))).toBe("whsec_before_rotation");
      // The start-up pass moves A to the current key and leaves B (no key opens it) as it was, without failing.
      const before = (await db().project.findUniqueOrThrow({ where: { id: b.id } })).webhookSecretEncrypted;
      expect(await resealLegacySecrets()).toBeGreaterThanOrEqual(1);
      expect((await db().project.findUniqueOrThrow({ where: { id: b.id } })).webhookSecretEncrypted).toBe(before);

      delete process.env.ENCRYPTION_KEYS_RETIRED;
      forgetEnv();
      expect(await sealedA()).toMatch(new RegExp(`^v2:${keyId(current)}:`));
      expect(openSecret(await sealedA(), secretPlaces.webhookSecret(a.id))).toBe("whsec_before_rotation");
    } finally {
      delete process.env.ENCRYPTION_KEYS_RETIRED;
      forgetEnv();
      // B's row holds a value no key here opens: removed, so other tests' passes have nothing to skip.
      await db().project.delete({ where: { id: b.id } });
    }
  });
});
