import { describe, expect, it } from "vitest";
import { openSecret, secretPlaces } from "@/lib/crypto/secrets";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { createProject } from "./create-project";
import { createUser } from "./create-user";

describe("createProject", () => {
  it("creates the project with a sealed webhook secret, a hashed API token and an audit entry", async () => {
    const created = await createProject({ name: "Acme Kyiv", timezone: "Europe/Kyiv", defaultCountry: "ua" }, { actor: "test" });
    expect(created.projectKey).toMatch(/^acme-kyiv-[0-9a-f]{6}$/);
    expect(created.apiToken).toMatch(/^cbt_/);
    expect(created.webhookSecret).toMatch(/^whsec_/);

    const project = await db().project.findUniqueOrThrow({ where: { key: created.projectKey }, include: { apiTokens: true, auditEntries: true } });
    expect(project.defaultCountry).toBe("UA");
    expect(project.webhookSecretEncrypted).not.toContain(created.webhookSecret);
    expect(openSecret(project.webhookSecretEncrypted, secretPlaces.webhookSecret(project.id))).toBe(created.webhookSecret);
    expect(project.apiTokens).toHaveLength(1);
    expect(project.apiTokens[0]!.tokenHash).not.toBe(created.apiToken);
    expect(project.auditEntries.map((entry) => entry.action)).toEqual(["project.create"]);
  });

  it("names every invalid field and writes nothing", async () => {
    const before = await db().project.count();
    const error = await createProject({ name: "x", timezone: "Mars/Olympus", defaultCountry: "ZZ" }, { actor: "test" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).issues.map((issue) => issue.path).sort()).toEqual(["defaultCountry", "name", "timezone"]);
    expect(await db().project.count()).toBe(before);
  });

  it("refuses a key that is taken", async () => {
    const key = `fixed-${Date.now()}`;
    await createProject({ name: "One", timezone: "UTC", defaultCountry: "PL" }, { actor: "test", key });
    await expect(createProject({ name: "Two", timezone: "UTC", defaultCountry: "PL" }, { actor: "test", key })).rejects.toMatchObject({ code: "CONFLICT" });
  });
});

describe("createUser", () => {
  it("adds a member with a role and updates the role on a second call", async () => {
    const { projectKey } = await createProject({ name: "Team", timezone: "Europe/Warsaw", defaultCountry: "PL" }, { actor: "test" });
    const email = `Owner-${Date.now()}@Example.test`;
    expect(await createUser({ email, password: "long-enough-pass", projectKey, role: "VIEWER" }, { actor: "cli" })).toMatchObject({ role: "VIEWER", created: true });
    expect(await createUser({ email, password: "long-enough-pass", projectKey, role: "ADMIN" }, { actor: "cli" })).toMatchObject({
      email: email.toLowerCase(),
      role: "ADMIN",
      created: false,
    });
    const user = await db().user.findUniqueOrThrow({ where: { email: email.toLowerCase() } });
    expect(user.passwordHash).toMatch(/^\$2[aby]\$12\$/);
  });

  it("refuses an unknown project, a short password and an unknown role", async () => {
    await expect(createUser({ email: "a@example.test", password: "long-enough-pass", projectKey: "nope", role: "ADMIN" }, { actor: "cli" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    const error = (await createUser({ email: "a@example.test", password: "short", projectKey: "x", role: "GOD" }, { actor: "cli" }).catch((e: unknown) => e)) as AppError;
    expect(error.issues.map((issue) => issue.path).sort()).toEqual(["password", "role"]);
  });
});
