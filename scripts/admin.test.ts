import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

function admin(...args: string[]) {
  return adminWith({}, ...args);
}

/** With a password on stdin (`input`) or extra environment (`env`), never on the command line. */
function adminWith(options: { input?: string; env?: Record<string, string | undefined> }, ...args: string[]) {
  const result = spawnSync("node_modules/.bin/tsx", ["scripts/admin.ts", ...args], { encoding: "utf8", env: { ...process.env, ...options.env }, input: options.input ?? "", timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
const lastJson = (stdout: string) => JSON.parse(stdout.trim().split("\n").at(-1)!);

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

    const user = adminWith({ input: "a-long-password\n" }, "create-user", "--email", "cli-user@example.test", "--password-stdin", "--project", created.projectKey, "--role", "viewer");
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
    const { code, stderr } = adminWith({ env: { CALLBRIDGE_PASSWORD: "a-long-password" } }, "create-user", "--email", "x@example.test", "--project", "missing-key", "--role", "ADMIN");
    expect(code).toBe(1);
    expect(stderr).toContain('No project with key "missing-key"');
  });
});

describe("admin CLI: passwords and keys", () => {
  const project = () => lastJson(admin("create-project", "--name", "CLI passwords", "--country", "UA", "--timezone", "Europe/Kyiv").stdout).projectKey as string;
  const hashOf = async (email: string) => {
    const { db } = await import("@/lib/db/client");
    return (await db().user.findUniqueOrThrow({ where: { email } })).passwordHash;
  };

  it("takes no password on the command line (shell history, ps): it says to use stdin or CALLBRIDGE_PASSWORD", () => {
    const { code, stderr } = admin("create-user", "--email", "argv@example.test", "--password", "a-long-password", "--project", "x", "--role", "ADMIN");
    expect(code).toBe(2);
    expect(stderr).toContain("--password-stdin");
    expect(stderr).toContain("CALLBRIDGE_PASSWORD");
  });

  it("never replaces an existing user's password without --reset-password; without a password it only grants the role", async () => {
    const key = project();
    const email = `cli-reset-${Date.now()}@example.test`;
    expect(adminWith({ input: "first-long-password\n" }, "create-user", "--email", email, "--password-stdin", "--project", key, "--role", "ADMIN").code).toBe(0);
    const first = await hashOf(email);

    const refused = adminWith({ env: { CALLBRIDGE_PASSWORD: "second-long-password" } }, "create-user", "--email", email, "--project", key, "--role", "ADMIN");
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("--reset-password");
    expect(await hashOf(email)).toBe(first);

    const other = project();
    const granted = admin("create-user", "--email", email, "--project", other, "--role", "VIEWER");
    expect(granted.code).toBe(0);
    expect(lastJson(granted.stdout)).toMatchObject({ email, projectKey: other, role: "VIEWER", created: false });
    expect(await hashOf(email)).toBe(first);

    const reset = adminWith({ env: { CALLBRIDGE_PASSWORD: "second-long-password" } }, "create-user", "--email", email, "--project", key, "--role", "ADMIN", "--reset-password");
    expect(reset.code).toBe(0);
    expect(await hashOf(email)).not.toBe(first);
  });

  it("a new user needs a password", () => {
    const { code, stderr } = admin("create-user", "--email", `cli-nopass-${Date.now()}@example.test`, "--project", project(), "--role", "ADMIN");
    expect(code).toBe(2);
    expect(stderr).toContain("--password");
  });

  it.each(["NEXTAUTH_SECRET", "ENCRYPTION_KEY"])("refuses to run against a database it did not start when %s is unset, instead of using generated keys", (name) => {
    const { code, stderr } = adminWith({ env: { [name]: "" } }, "list-projects");
    expect(code).toBe(1);
    expect(stderr).toContain(name);
    expect(stderr).toContain("DATABASE_URL");
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
