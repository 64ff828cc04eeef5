// Prepares the environment for the launcher and the CLI: a local database when DATABASE_URL is unset
// (embedded PostgreSQL under .data/postgres, shared by every process of this checkout: scripts/local-cluster.ts) and, in demo and
// development mode, secrets generated once and kept in .data/secrets.json so a new user sets nothing.
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { randomBytes } from "node:crypto";
import { join, resolve } from "node:path";
import { envSchema, EnvError, parseEnv, type Env } from "../lib/env";
import { describeError } from "../lib/db/startup-errors";
import { openLocalCluster } from "./local-cluster";
import { complain } from "./cli-output";

export const ROOT = resolve(import.meta.dirname, "..");
// CALLBRIDGE_DATA_DIR: another folder for the local database and secrets (tests use a temporary one,
// never the developer's .data).
export const DATA_DIR = process.env.CALLBRIDGE_DATA_DIR ? resolve(process.env.CALLBRIDGE_DATA_DIR) : join(ROOT, ".data");
const SECRETS_FILE = join(DATA_DIR, "secrets.json");
const PG_DIR = join(DATA_DIR, "postgres");
const PG_STATE = join(DATA_DIR, "postgres.json");
const PREFERRED_PG_PORT = 54329;

export interface LocalSecrets {
  NEXTAUTH_SECRET: string;
  ENCRYPTION_KEY: string;
  CRON_SECRET: string;
  demoPassword: string;
  demoProject?: { projectKey: string; apiToken: string; webhookSecret: string };
}

export async function readLocalSecrets(): Promise<LocalSecrets> {
  await mkdir(DATA_DIR, { recursive: true });
  if (existsSync(SECRETS_FILE)) return JSON.parse(await readFile(SECRETS_FILE, "utf8")) as LocalSecrets;
  const secrets: LocalSecrets = {
    NEXTAUTH_SECRET: randomBytes(32).toString("hex"),
    ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    CRON_SECRET: randomBytes(32).toString("hex"),
    demoPassword: randomBytes(9).toString("base64url"),
  };
  await writeLocalSecrets(secrets);
  return secrets;
}

export async function writeLocalSecrets(secrets: LocalSecrets) {
  await writeFile(SECRETS_FILE, JSON.stringify(secrets, null, 2), { mode: 0o600 });
}

/** This checkout's embedded cluster (scripts/local-cluster.ts): started, or joined when already running. */
async function localDatabase(): Promise<{ url: string; stop: () => Promise<void> }> {
  await mkdir(DATA_DIR, { recursive: true });
  // Notices go to stderr: the CLI prints its results as JSON on stdout.
  const cluster = await openLocalCluster({ dataDir: PG_DIR, stateFile: PG_STATE, preferredPort: PREFERRED_PG_PORT, log: complain });
  return { url: cluster.url, stop: cluster.release };
}

export interface PreparedEnv {
  env: Env;
  stopDatabase: () => Promise<void>;
  embedded: boolean;
}

/** Exits with a message naming the variable when the environment is invalid. */
export async function prepareEnv(options: { generateSecrets: boolean }): Promise<PreparedEnv> {
  const given = process.env.DATABASE_URL;
  if (given) {
    const check = envSchema.shape.DATABASE_URL.safeParse(given);
    if (!check.success) fail(new EnvError([`DATABASE_URL ${check.error.issues[0]?.message}`]));
  }
  if (options.generateSecrets) {
    const secrets = await readLocalSecrets();
    for (const name of ["NEXTAUTH_SECRET", "ENCRYPTION_KEY", "CRON_SECRET"] as const) process.env[name] ||= secrets[name];
  }
  let stopDatabase = async () => {};
  let embedded = false;
  if (!given) {
    const database = await localDatabase().catch((error: unknown) => fail(new Error(`The embedded database did not start: ${describeError(error)}`)));
    process.env.DATABASE_URL = database.url;
    stopDatabase = database.stop;
    embedded = true;
  }
  try {
    return { env: parseEnv(), stopDatabase, embedded };
  } catch (error) {
    await stopDatabase();
    fail(error);
  }
}

function fail(error: unknown): never {
  complain(describeError(error));
  process.exit(1);
}
