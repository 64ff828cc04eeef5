// The launcher's database start-up as a new user meets it, with real processes: `npm run admin` and
// `npm run worker` (both go through scripts/local-env.ts, as `npm run demo` does) on an embedded cluster
// in a temporary folder — never the developer's .data/. `npm run demo` itself is not started here: it
// builds Next.js first (minutes on this machine); the database part it runs is this same code.
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { freePort, runningCluster, startEmbeddedPostgres } from "@/lib/db/embedded";

let root: string;
const dataDir = () => join(root, "data");
const clusterDir = () => join(dataDir(), "postgres");

function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...inject("secrets"), CALLBRIDGE_DATA_DIR: dataDir() };
  delete env.DATABASE_URL;
  return env;
}

const TSX = join(import.meta.dirname, "../node_modules/.bin/tsx");

function admin(...args: string[]) {
  const result = spawnSync(TSX, ["scripts/admin.ts", ...args], { encoding: "utf8", env: childEnv(), timeout: 120_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** `npm run admin -- list-projects` without blocking the test (to run beside another process). */
function adminAsync(...args: string[]) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(TSX, ["scripts/admin.ts", ...args], { env: childEnv() });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.once("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

/** `npm run worker` on the temporary cluster; resolves once it delivers, with a SIGTERM stop. */
async function worker() {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], { env: { ...childEnv(), DELIVERY_CONCURRENCY: "2", MIGRATION_WAIT_SECONDS: "120" } });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const check = setInterval(() => {
      if (output.includes("worker: delivering")) resolve(clearInterval(check));
      if (child.exitCode !== null) reject(new Error(`worker exited ${child.exitCode}: ${output}`));
    }, 50);
  });
  return {
    output: () => output,
    stop: async () => {
      child.kill("SIGTERM");
      return exited;
    },
  };
}

const lastJson = (stdout: string) => JSON.parse(stdout.trim().split("\n").at(-1)!) as unknown;

beforeAll(async () => {
  // The `postgres` system user must be able to enter it (we may be root): as testing/global-setup.ts.
  root = await mkdtemp(join(tmpdir(), "callbridge-local-cluster-"));
  await chmod(root, 0o755);
  // A port of its own, so the developer's cluster on 54329 is never touched.
  await mkdir(dataDir(), { recursive: true });
  await writeFile(join(dataDir(), "postgres.json"), JSON.stringify({ port: await freePort() }));
});

afterAll(async () => {
  const running = runningCluster(clusterDir());
  if (running) process.kill(running.pid, "SIGQUIT");
  await rm(root, { recursive: true, force: true });
});

describe("the local embedded cluster", { timeout: 300_000 }, () => {
  it("the CLI and a worker started together on a stopped cluster both succeed; one starts it, the other waits", async () => {
    expect(runningCluster(clusterDir())).toBeNull();
    const [started, cli] = await Promise.all([worker(), adminAsync("list-projects")]);
    expect(cli.stderr).not.toMatch(/undefined/);
    expect([cli.code, lastJson(cli.stdout)]).toEqual([0, []]);
    // The CLI left: the worker still uses the cluster, so it was not stopped under it.
    expect(runningCluster(clusterDir())).not.toBeNull();
    expect(await started.stop()).toBe(0);
    // Deliveries stopped first, the database last: no connection of the worker was cut by it.
    expect(started.output()).not.toMatch(/administrator command|57P01/);
    expect(runningCluster(clusterDir())).toBeNull();
  });

  it("stops and starts 5 times in a row", async () => {
    for (let round = 1; round <= 5; round++) {
      const running = await worker();
      const cli = admin("list-projects");
      expect([round, cli.code, cli.stderr]).toEqual([round, 0, ""]);
      expect(await running.stop()).toBe(0);
      expect(running.output()).not.toMatch(/administrator command|57P01|undefined/);
      expect(runningCluster(clusterDir()), `round ${round}: stopped`).toBeNull();
    }
  });

  it("never uses a foreign PostgreSQL on its stored port: moves to a free one and says so", async () => {
    const foreignDir = join(root, "foreign");
    const foreign = await startEmbeddedPostgres({ dataDir: foreignDir, persistent: false, database: "someone_else" });
    try {
      await writeFile(join(dataDir(), "postgres.json"), JSON.stringify({ port: foreign.port }));
      const cli = admin("list-projects");
      expect(cli.code, cli.stderr).toBe(0);
      expect(cli.stderr).toContain(`Port ${foreign.port} is in use by another program`);
      const stored = JSON.parse(await readFile(join(dataDir(), "postgres.json"), "utf8")) as { port: number };
      expect(stored.port).not.toBe(foreign.port);
      expect(runningCluster(clusterDir())).toBeNull();
      // The foreign server got no database and no migrations from us.
      const client = new pg.Client({ connectionString: foreign.url });
      await client.connect();
      const { rows } = await client.query<{ datname: string }>("SELECT datname FROM pg_database");
      const tables = await client.query("SELECT 1 FROM information_schema.tables WHERE table_name = '_prisma_migrations'");
      await client.end();
      expect(rows.map((row) => row.datname)).not.toContain("callbridge");
      expect(tables.rowCount).toBe(0);
    } finally {
      await foreign.stop();
    }
  });

  it("a start-up failure prints PostgreSQL's own message", async () => {
    const autoConf = join(clusterDir(), "postgresql.auto.conf");
    expect(existsSync(autoConf)).toBe(true);
    await writeFile(autoConf, "shared_buffers = 'banana'\n");
    try {
      const cli = admin("list-projects");
      expect(cli.code).toBe(1);
      expect(cli.stderr).toContain(`invalid value for parameter "shared_buffers": "banana"`);
      expect(cli.stderr).not.toMatch(/^undefined$/m);
    } finally {
      await writeFile(autoConf, "");
    }
  });
});
