// The local embedded cluster shared by `npm run demo|dev|start`, `npm run admin`, `npm run worker` and
// `npm run db:*` of one checkout. Several of them may start at once, and another checkout (or any other
// PostgreSQL) may already hold the port this one used last time, so:
//   - a lock file serialises start-up: one process starts the server, the others wait for it;
//   - each process using the server registers its pid; the last one to leave stops it (a CLI run during
//     the demo leaves the demo's database alone, and the demo stops it only after its app has exited);
//   - a server is used only when it says it serves this checkout's data folder (`SHOW data_directory`,
//     same default credentials everywhere would otherwise let us migrate someone else's database); when the
//     stored port is taken by anything else, the cluster moves to a free port and says so.
import { existsSync, readdirSync } from "node:fs";
import { mkdir, open, readFile, rm, unlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { complain } from "./cli-output";
import { clusterUrl, ensureDatabase, freePort, initialiseCluster, portIsFree, runningCluster, servedDataDirectory, sameFolder, startCluster, stopCluster } from "../lib/db/embedded";
import { describeError } from "../lib/db/startup-errors";

export interface LocalClusterOptions {
  /** The cluster's folder (`.data/postgres`). */
  dataDir: string;
  /** Where the port is remembered between runs (`.data/postgres.json`). */
  stateFile: string;
  preferredPort: number;
  database?: string;
  log?: (line: string) => void;
  /** How long to wait for another process's start-up. */
  lockTimeoutMs?: number;
}

export interface LocalCluster {
  url: string;
  port: number;
  /** Leaves the cluster; stops it when no other live process uses it. */
  release(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Runs `work` holding `<dataDir>.lock`; a lock left by a dead process is taken over. */
async function withLock<T>(options: LocalClusterOptions, work: () => Promise<T>): Promise<T> {
  const lockFile = `${options.dataDir}.lock`;
  const deadline = Date.now() + (options.lockTimeoutMs ?? 120_000);
  let told = false;
  for (;;) {
    try {
      const handle = await open(lockFile, "wx");
      await handle.writeFile(String(process.pid));
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = Number(await readFile(lockFile, "utf8").catch(() => ""));
      // Empty: the holder is between creating and writing it. Dead: it crashed while starting.
      if (holder && !alive(holder)) {
        await unlink(lockFile).catch(() => undefined);
        continue;
      }
      if (Date.now() > deadline) throw new Error(`Another process (pid ${holder}) has been starting the database for too long; remove ${lockFile} if it is gone.`);
      if (!told) options.log?.(`Another Callbridge process (pid ${holder || "?"}) is starting the database; waiting for it…`);
      told = true;
      await sleep(150);
    }
  }
  try {
    return await work();
  } finally {
    await unlink(lockFile).catch(() => undefined);
  }
}

const usersDir = (options: LocalClusterOptions) => `${options.dataDir}.users`;

/** Pids of the live processes using the cluster; files of dead ones are removed. */
function liveUsers(options: LocalClusterOptions): number[] {
  const dir = usersDir(options);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map(Number)
    .filter((pid) => {
      if (pid && alive(pid)) return true;
      void rm(join(dir, String(pid)), { force: true });
      return false;
    });
}

async function storedPort(options: LocalClusterOptions): Promise<number | null> {
  if (!existsSync(options.stateFile)) return null;
  try {
    return (JSON.parse(await readFile(options.stateFile, "utf8")) as { port?: number }).port ?? null;
  } catch {
    return null;
  }
}

/** Uses this checkout's running cluster, or starts it (on a free port if its own is taken). */
export async function openLocalCluster(options: LocalClusterOptions): Promise<LocalCluster> {
  const database = options.database ?? "callbridge";
  const log = options.log ?? complain;
  const port = await withLock(options, async () => {
    const dataDir = await initialiseCluster(options.dataDir);
    let running = runningCluster(dataDir);
    if (running) {
      const served = await servedDataDirectory(clusterUrl(running.port, "postgres")).catch((error: unknown) => {
        throw new Error(`The database server of ${options.dataDir} (pid ${running!.pid}, port ${running!.port}) does not answer: ${describeError(error)}`);
      });
      if (!sameFolder(served, dataDir)) throw new Error(`Port ${running.port} is answered by a PostgreSQL serving ${served}, not ${dataDir}; stop the other server or free the port.`);
    } else {
      let wanted = (await storedPort(options)) ?? options.preferredPort;
      if (!(await portIsFree(wanted))) {
        const moved = await freePort();
        log(`Port ${wanted} is in use by another program (not this checkout's database, ${options.dataDir}); starting it on port ${moved} instead.`);
        wanted = moved;
      }
      await startCluster(dataDir, wanted);
      running = runningCluster(dataDir)!;
      const served = await servedDataDirectory(clusterUrl(wanted, "postgres"));
      if (!sameFolder(served, dataDir)) {
        await stopCluster(dataDir);
        throw new Error(`Port ${wanted} is answered by a PostgreSQL serving ${served}, not ${dataDir}.`);
      }
    }
    await writeFile(options.stateFile, JSON.stringify({ port: running.port }));
    await ensureDatabase(running.port, database);
    await mkdir(usersDir(options), { recursive: true });
    await writeFile(join(usersDir(options), String(process.pid)), "");
    return running.port;
  });
  let released = false;
  return {
    url: clusterUrl(port, database),
    port,
    release: async () => {
      if (released) return;
      released = true;
      await withLock(options, async () => {
        await rm(join(usersDir(options), String(process.pid)), { force: true });
        if (liveUsers(options).length === 0) await stopCluster(options.dataDir);
      });
    },
  };
}
