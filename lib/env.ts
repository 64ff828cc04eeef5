// Every environment variable the app reads, validated in one place. A missing or malformed value
// stops start-up with a message that names it (next.config.js loads this module at build and start).
import { z } from "zod";
import { parseEgressAllow, type EgressRule } from "./env/egress-allow";

const postgresUrl = z
  .string({ error: "is required (a PostgreSQL connection string, e.g. postgresql://user:pass@host:5432/db)" })
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === "postgresql:" || url.protocol === "postgres:") && url.hostname.length > 0;
    } catch {
      return false;
    }
  }, "must be a PostgreSQL connection string such as postgresql://user:pass@host:5432/db");

const base64Key = z
  .string({ error: "is required (32 random bytes, base64: `openssl rand -base64 32`)" })
  .refine((value) => Buffer.from(value, "base64").length === 32, "must be 32 bytes encoded as base64 (`openssl rand -base64 32`)");

const secret = (name: string) =>
  z.string({ error: `is required (at least 32 characters, e.g. \`openssl rand -hex 32\`) — ${name}` }).min(32, "must be at least 32 characters");

/** A comma-separated list of hosts / addresses / ranges (lib/env/egress-allow.ts), named in any error. */
const ruleList = (what: string, check: (rules: EgressRule[]) => void = () => undefined, requirePort = false) =>
  z
    .string()
    .superRefine((value, context) => {
      try {
        check(parseEgressAllow(value, { requirePort }));
      } catch (error) {
        context.addIssue({ code: "custom", message: `must be a comma-separated list of ${what} — ${(error as Error).message}` });
      }
    })
    .optional();

export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: postgresUrl,
  NEXTAUTH_SECRET: secret("signs session cookies"),
  NEXTAUTH_URL: z.url("must be the app's public URL, e.g. https://callbridge.example.com").optional(),
  ENCRYPTION_KEY: base64Key,
  /**
   * Keys ENCRYPTION_KEY replaced, comma-separated: values they sealed still open, and the start-up pass
   * seals them again with ENCRYPTION_KEY; once it has run, a retired key can be dropped.
   */
  ENCRYPTION_KEYS_RETIRED: z
    .string()
    .transform((value) => value.split(",").map((key) => key.trim()).filter(Boolean))
    .refine((keys) => keys.every((key) => Buffer.from(key, "base64").length === 32), "must be a comma-separated list of keys, each 32 bytes encoded as base64")
    .optional(),
  CRON_SECRET: secret("authorises /api/cron/* calls"),
  SANDBOX_CRM: z.enum(["on", "off"], { error: 'must be "on" or "off"' }).optional(),
  /** "yes" lets SANDBOX_CRM=on run in production (the demo does): sandbox accounts hold fake CRM data only. */
  SANDBOX_CRM_IN_PRODUCTION: z.enum(["yes"], { error: 'must be "yes" or unset' }).optional(),
  DELIVERY_CONCURRENCY: z.coerce.number({ error: "must be a whole number (0: this web process delivers nothing; run `npm run worker` processes)" }).int().min(0).max(200).default(16),
  /** A recording download's whole time on a delivery lane; past it the event is retried later, keeping its CRM steps. */
  RECORDING_DOWNLOAD_BUDGET_MS: z.coerce.number({ error: "must be a number of milliseconds" }).int().min(100).max(120_000).default(10_000),
  /** Deprecated: read as both lists below when they are unset (lib/net/purposes.ts). */
  EGRESS_ALLOW: ruleList("hosts, addresses or CIDR ranges, each with an optional :port"),
  /** Self-hosted or test CRMs a connection may send its credentials to, beside the vendors' own hosts. */
  EGRESS_ALLOW_CRM: ruleList("hosts, addresses or CIDR ranges, each with its :port (or :from-to)", undefined, true),
  /** Private or plain-http hosts recording links may be downloaded from (an event names the URL). */
  EGRESS_ALLOW_RECORDINGS: ruleList("hosts, addresses or CIDR ranges, each with its :port (or :from-to)", undefined, true),
  TRUSTED_PROXIES: ruleList("the reverse proxies' addresses or CIDR ranges", (rules) => {
    if (rules.some((rule) => rule.host !== null || rule.ports !== null)) throw new Error("list addresses or CIDR ranges only, without ports");
  }),
  // Per-tenant quotas (README "Quotas"): a refusal answers 429 with Retry-After.
  WEBHOOK_REQUESTS_PER_PROJECT_PER_SECOND: z.coerce.number({ error: "must be a whole number of requests" }).int().min(1).default(100),
  PROJECTS_PER_USER_PER_DAY: z.coerce.number({ error: "must be a whole number of projects" }).int().min(1).default(10),
  CRM_CHECKS_PER_USER_PER_MINUTE: z.coerce.number({ error: "must be a whole number of dry runs / connection tests" }).int().min(1).default(20),
  /** Read by the stop-list schema too (lib/validation/limits.ts), which the browser shares. */
  STOP_LIST_MAX_ENTRIES: z.coerce.number({ error: "must be a whole number of entries" }).int().min(1).max(5000).default(1000),
  RECORDING_MAX_BYTES: z.coerce.number({ error: "must be a number of bytes" }).int().min(1024).default(50 * 1024 * 1024),
  PORT: z.coerce.number({ error: "must be a port number" }).int().min(1).max(65535).default(3000),
  /** Alert mails go out through this SMTP server; unset, they are kept in each project's outbox only (demo, tests). */
  SMTP_URL: z
    .url("must be an SMTP URL, e.g. smtps://user:password@smtp.example.com:465")
    .refine((value) => /^smtps?:$/.test(new URL(value).protocol), "must start with smtp:// or smtps://")
    .optional(),
  MAIL_FROM: z.string().trim().min(3, "must be a sender address, e.g. Callbridge <alerts@example.com>").default("Callbridge <alerts@callbridge.local>"),
}).superRefine((value, context) => {
  if (value.NODE_ENV === "production" && value.SANDBOX_CRM === "on" && value.SANDBOX_CRM_IN_PRODUCTION !== "yes") {
    context.addIssue({ code: "custom", path: ["SANDBOX_CRM"], message: "is on in production: the sandbox CRMs are for demos and tests; set SANDBOX_CRM_IN_PRODUCTION=yes to run them anyway" });
  }
});

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
    this.name = "EnvError";
  }
}

export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  // Treat empty strings as unset: `FOO= npm start` should read as "not given", not as a value.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ""));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    throw new EnvError(result.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`));
  }
  return result.data;
}

let cached: Env | undefined;

/** The validated environment of this process (parsed once). */
export function env(): Env {
  cached ??= parseEnv();
  return cached;
}

/** Parses process.env again on the next env(): for tests that point the app at a server they started. */
export function forgetEnv() {
  cached = undefined;
}

/** Sandbox CRMs are on unless switched off; off by default in production. */
export function sandboxEnabled(current: Env = env()): boolean {
  return current.SANDBOX_CRM ? current.SANDBOX_CRM === "on" : current.NODE_ENV !== "production";
}

/** The app's public base URL (OAuth redirect URIs, the built-in sandbox CRMs). */
export function appUrl(): string {
  const current = env();
  return (current.NEXTAUTH_URL ?? `http://localhost:${current.PORT}`).replace(/\/+$/, "");
}
