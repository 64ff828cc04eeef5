import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { EnvError, parseEnv, sandboxEnabled } from "./env";

const valid = {
  DATABASE_URL: "postgresql://u:p@127.0.0.1:5432/callbridge",
  NEXTAUTH_SECRET: "x".repeat(40),
  ENCRYPTION_KEY: randomBytes(32).toString("base64"),
  CRON_SECRET: "y".repeat(40),
};

function problemsOf(source: Record<string, string | undefined>): string[] {
  try {
    parseEnv(source);
  } catch (error) {
    if (error instanceof EnvError) return error.problems;
    throw error;
  }
  return [];
}

describe("parseEnv", () => {
  it("accepts a complete environment and applies defaults", () => {
    const env = parseEnv(valid);
    expect(env.PORT).toBe(3000);
    expect(env.NODE_ENV).toBe("development");
  });

  it("names a missing DATABASE_URL", () => {
    const problems = problemsOf({ ...valid, DATABASE_URL: undefined });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^DATABASE_URL is required/);
  });

  it("names a malformed DATABASE_URL, including a non-PostgreSQL URL", () => {
    expect(problemsOf({ ...valid, DATABASE_URL: "not a url" })[0]).toMatch(/^DATABASE_URL must be a PostgreSQL connection string/);
    expect(problemsOf({ ...valid, DATABASE_URL: "mysql://u:p@h/db" })[0]).toMatch(/^DATABASE_URL must be a PostgreSQL/);
  });

  it("treats an empty value as missing", () => {
    expect(problemsOf({ ...valid, NEXTAUTH_SECRET: "" })[0]).toMatch(/^NEXTAUTH_SECRET is required/);
  });

  it("reports every problem at once", () => {
    const problems = problemsOf({ DATABASE_URL: "x", ENCRYPTION_KEY: "short", PORT: "99999" });
    expect(problems.map((problem) => problem.split(" ")[0]).sort()).toEqual(["CRON_SECRET", "DATABASE_URL", "ENCRYPTION_KEY", "NEXTAUTH_SECRET", "PORT"]);
  });

  it("rejects an encryption key that is not 32 bytes", () => {
    expect(problemsOf({ ...valid, ENCRYPTION_KEY: randomBytes(16).toString("base64") })[0]).toMatch(/^ENCRYPTION_KEY must be 32 bytes/);
  });
});

describe("sandboxEnabled", () => {
  it("refuses to start with the sandbox on in production unless SANDBOX_CRM_IN_PRODUCTION=yes says it is meant", () => {
    expect(() => parseEnv({ ...valid, NODE_ENV: "production", SANDBOX_CRM: "on" })).toThrow(/SANDBOX_CRM is on in production.*SANDBOX_CRM_IN_PRODUCTION=yes/);
  });

  it("names a malformed egress allow-list or proxy list", () => {
    expect(() => parseEnv({ ...valid, EGRESS_ALLOW: "127.0.0.1,not a host" })).toThrow(/EGRESS_ALLOW must be a comma-separated list.*"not a host"/);
    expect(() => parseEnv({ ...valid, TRUSTED_PROXIES: "proxy.internal" })).toThrow(/TRUSTED_PROXIES .*addresses or CIDR ranges only/);
    expect(parseEnv({ ...valid, EGRESS_ALLOW: "127.0.0.1:3000,127.0.5.0/24", TRUSTED_PROXIES: "127.0.5.0/24" }).EGRESS_ALLOW).toBe("127.0.0.1:3000,127.0.5.0/24");
  });

  it("is on in development, off in production, and follows SANDBOX_CRM when set", () => {
    expect(sandboxEnabled(parseEnv(valid))).toBe(true);
    expect(sandboxEnabled(parseEnv({ ...valid, NODE_ENV: "production" }))).toBe(false);
    expect(sandboxEnabled(parseEnv({ ...valid, NODE_ENV: "production", SANDBOX_CRM: "on", SANDBOX_CRM_IN_PRODUCTION: "yes" }))).toBe(true);
    expect(sandboxEnabled(parseEnv({ ...valid, SANDBOX_CRM: "off" }))).toBe(false);
  });
});
