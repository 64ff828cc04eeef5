// Prepares the environment for the launcher and the CLI: a local database when DATABASE_URL is unset
// (embedded PostgreSQL under .data/postgres, reused when it is already running) and, in demo and
// development mode, secrets generated once and kept in .data/secrets.json so a new user sets nothing.
import { existsSync, readFileSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { randomBytes } from "node:crypto";
import { join, resolve } from "node:path";
import { envSchema, EnvError, parseEnv, type Env } from "../lib/env";
import { freePort, startEmbeddedPostgres } from "../lib/db/embedded";
import { complain } from "./cli-output";

export const ROOT = resolve(import.meta.dirname, "..");
export const DATA_DIR = join(ROOT, ".data");
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

function runningClusterPid(): number | null {
  const pidFile = join(PG_DIR, "postmaster.pid");
  if (!existsSync(pidFile)) return null;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}

/** The URL of the local embedded cluster, starting it if needed; `stop` is a no-op when it was already running. */
async function localDatabase(): Promise<{ url: string; stop: () => Promise<void> }> {
  const state = existsSync(PG_STATE) ? (JSON.parse(await readFile(PG_STATE, "utf8")) as { port: number }) : null;
  if (state && runningClusterPid()) {
    return { url: `postgresql://callbridge:callbridge@127.0.0.1:${state.port}/callbridge`, stop: async () => {} };
  }
  const port = state?.port ?? (await portOrFallback(PREFERRED_PG_PORT));
  await mkdir(DATA_DIR, { recursive: true });
  await writeFile(PG_STATE, JSON.stringify({ port }));
  const database = await startEmbeddedPostgres({ dataDir: PG_DIR, port, persistent: true });
  return database;
}

async function portOrFallback(preferred: number): Promise<number> {
  const net = await import("node:net");
  const free = await new Promise<boolean>((done) => {
    const server = net.createServer().once("error", () => done(false));
    server.listen(preferred, "127.0.0.1", () => server.close(() => done(true)));
  });
  return free ? preferred : freePort();
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
    const database = await localDatabase();
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
  complain(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
