import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

function admin(...args: string[]) {
  const result = spawnSync("node_modules/.bin/tsx", ["scripts/admin.ts", ...args], { encoding: "utf8", env: process.env, timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("admin CLI", () => {
  it("prints usage and exits 2 without a command, with an unknown one, or with missing or unknown flags", () => {
    for (const args of [[], ["launch-rockets"], ["create-project", "--name", "Acme"], ["create-project", "--name", "A", "--country", "UA", "--timezone", "UTC", "--colour", "red"]]) {
      const { code, stderr } = admin(...args);
      expect(code, args.join(" ")).toBe(2);
      expect(stderr).toContain("Usage:");
    }
    expect(admin("create-project", "--name", "Acme").stderr).toContain("Missing --country, --timezone.");
  });

  it("creates a project and prints its key, API token and webhook secret as JSON", () => {
    const { code, stdout } = admin("create-project", "--name", "CLI Project", "--country", "PL", "--timezone", "Europe/Warsaw");
    expect(code).toBe(0);
    const created = JSON.parse(stdout.trim().split("\n").at(-1)!);
    expect(Object.keys(created).sort()).toEqual(["apiToken", "projectKey", "webhookSecret"]);
    expect(created.projectKey).toMatch(/^cli-project-/);

    const user = admin("create-user", "--email", "cli-user@example.test", "--password", "a-long-password", "--project", created.projectKey, "--role", "viewer");
    expect(user.code).toBe(0);
    expect(JSON.parse(user.stdout.trim().split("\n").at(-1)!)).toMatchObject({ email: "cli-user@example.test", role: "VIEWER" });
  });

  it("lists projects, and deletes one only with its key repeated in --confirm", () => {
    const project = JSON.parse(admin("create-project", "--name", "CLI doomed", "--country", "UA", "--timezone", "Europe/Kyiv").stdout.trim().split("\n").at(-1)!);
    const listed = JSON.parse(admin("list-projects").stdout.trim().split("\n").at(-1)!) as Array<{ key: string; crm: string | null; status: string; events: number }>;
    expect(listed.find((row) => row.key === project.projectKey)).toMatchObject({ crm: null, status: "not_connected", events: 0 });
    expect(admin("delete-project", "--project", project.projectKey).stderr).toContain("Missing --confirm.");
    const wrong = admin("delete-project", "--project", project.projectKey, "--confirm", "something-else");
    expect([wrong.code, wrong.stderr]).toEqual([2, expect.stringContaining(`--confirm: Type ${project.projectKey} to confirm.`)]);
    const deleted = admin("delete-project", "--project", project.projectKey, "--confirm", project.projectKey);
    expect(deleted.code).toBe(0);
    expect(JSON.parse(deleted.stdout.trim().split("\n").at(-1)!)).toEqual({ deleted: project.projectKey, events: 0 });
    expect(admin("list-projects").stdout).not.toContain(project.projectKey);
  });

  it("creates, lists, rotates and revokes API tokens; a token is printed only when it is made", () => {
    const project = JSON.parse(admin("create-project", "--name", "CLI tokens", "--country", "UA", "--timezone", "Europe/Kyiv").stdout.trim().split("\n").at(-1)!);
    const created = admin("create-token", "--project", project.projectKey, "--name", "Nightly export", "--role", "viewer");
    expect(created.code).toBe(0);
    const { token, summary } = JSON.parse(created.stdout.trim().split("\n").at(-1)!);
    expect(token).toMatch(/^cbt_/);
    expect(summary).toMatchObject({ name: "Nightly export", role: "VIEWER" });
    const listed = admin("list-tokens", "--project", project.projectKey).stdout;
    expect(listed).toContain("Nightly export");
    expect(listed).not.toContain(token);
    const rotated = JSON.parse(admin("rotate-token", "--project", project.projectKey, "--id", summary.id).stdout.trim().split("\n").at(-1)!);
    expect(rotated.token).not.toBe(token);
    expect(admin("revoke-token", "--project", project.projectKey, "--id", rotated.summary.id).code).toBe(0);
    const again = admin("revoke-token", "--project", project.projectKey, "--id", rotated.summary.id);
    expect([again.code, again.stderr]).toEqual([1, expect.stringContaining("No live API token")]);
    const bad = admin("create-token", "--project", project.projectKey, "--name", "x", "--role", "root");
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringContaining("--role: Choose Viewer or Admin.")]);
  });

  it("names each invalid flag and exits 2", () => {
    const { code, stderr } = admin("create-project", "--name", "X", "--country", "ZZ", "--timezone", "Nowhere/City");
    expect(code).toBe(2);
    expect(stderr).toContain("--name:");
    expect(stderr).toContain("--country: Use a two-letter country code");
    expect(stderr).toContain("--timezone: Choose a time zone");
  });

  it("exits 1 with a clear message for a project that does not exist", () => {
    const { code, stderr } = admin("create-user", "--email", "x@example.test", "--password", "a-long-password", "--project", "missing-key", "--role", "ADMIN");
    expect(code).toBe(1);
    expect(stderr).toContain('No project with key "missing-key"');
  });
});

describe("start-up", () => {
  it("stops with a message naming an invalid DATABASE_URL", () => {
    const result = spawnSync("node_modules/.bin/tsx", ["scripts/launch.ts", "start"], {
      encoding: "utf8",
      env: { ...process.env, DATABASE_URL: "mysql://nope" },
      timeout: 60_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("DATABASE_URL must be a PostgreSQL connection string");
  });

  it("next.config.js refuses to load with a missing secret and names it", () => {
    const result = spawnSync("node", ["--input-type=module", "-e", "await import('./next.config.js')"], {
      encoding: "utf8",
      env: { ...process.env, NEXTAUTH_SECRET: "" },
      timeout: 60_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("NEXTAUTH_SECRET is required");
  });
});
