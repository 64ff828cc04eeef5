// Migrations without Prisma's native schema engine (its download is unreachable here): the same
// engine compiled to WebAssembly (@prisma/schema-engine-wasm), talking to PostgreSQL through the
// driver adapter. It reads prisma/migrations and writes the standard `_prisma_migrations` table,
// so the history stays compatible with the regular Prisma CLI.
import { existsSync } from "node:fs";
import { mkdir, readFile, readdir, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { randomUUID } from "node:crypto";
import { dirname, join, resolve } from "node:path";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";
import type * as Engine from "@prisma/schema-engine-wasm";
import { installJobEngine } from "../jobs/boss";
import { carryOverQueuedEvents, DELIVERY_QUEUE_MIGRATION } from "../jobs/carry-over";
import { createMigrationPgAdapter } from "./pg-adapter";
import { log as logger } from "@/lib/observability/logger";

const require = createRequire(import.meta.url);
const ROOT = resolve(dirname(new URL(import.meta.url).pathname), "../..");
const SCHEMA_PATH = join(ROOT, "prisma/schema.prisma");
const MIGRATIONS_DIR = join(ROOT, "prisma/migrations");
const LOCKFILE = "migration_lock.toml";
const NO_FILTER = { externalTables: [], externalEnums: [] };

type EngineModule = typeof Engine;
let engineModule: Promise<EngineModule> | undefined;

/** The package is built for bundlers (`import "x.wasm"`); Node needs the module instantiated by hand. */
function loadEngineModule(): Promise<EngineModule> {
  engineModule ??= (async () => {
    const bgPath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const bindings = (await import(bgPath)) as EngineModule & {
      __wbg_set_wasm(exports: WebAssembly.Exports): void;
    };
    const bytes = await readFile(join(dirname(bgPath), "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": bindings as never });
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return bindings;
  })();
  return engineModule;
}

async function openEngine(databaseUrl: string, schema: string) {
  const { SchemaEngine } = await loadEngineModule();
  const factory = bindMigrationAwareSqlAdapterFactory(createMigrationPgAdapter(databaseUrl));
  const log = (line: string) => {
    if (process.env.DEBUG_MIGRATIONS) logger("migrate").debug(line);
  };
  return SchemaEngine.new({ datamodels: [[SCHEMA_PATH, schema]] }, log, factory);
}

async function readMigrations(): Promise<Engine.MigrationList> {
  const entries = existsSync(MIGRATIONS_DIR) ? await readdir(MIGRATIONS_DIR, { withFileTypes: true }) : [];
  const directories = entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
  const migrationDirectories: Engine.MigrationDirectory[] = [];
  for (const name of directories) {
    const file = join(MIGRATIONS_DIR, name, "migration.sql");
    const content: Engine.JsResult<string, string> = existsSync(file)
      ? { tag: "ok", value: await readFile(file, "utf8") }
      : { tag: "error", value: `missing ${name}/migration.sql` };
    migrationDirectories.push({ path: name, migrationFile: { path: "migration.sql", content } });
  }
  const lockPath = join(MIGRATIONS_DIR, LOCKFILE);
  return {
    baseDir: MIGRATIONS_DIR,
    lockfile: { path: LOCKFILE, content: existsSync(lockPath) ? await readFile(lockPath, "utf8") : null },
    shadowDbInitScript: "",
    migrationDirectories,
  };
}

/** Applies every migration in prisma/migrations that the database has not seen yet. */
/** Applies pending migrations, then installs (or upgrades) the job engine's schema and queue. */
export async function deployMigrations(databaseUrl: string): Promise<string[]> {
  const engine = await openEngine(databaseUrl, await readFile(SCHEMA_PATH, "utf8"));
  let applied: string[];
  try {
    applied = (await engine.applyMigrations({ migrationsList: await readMigrations(), filters: NO_FILTER })).appliedMigrationNames;
  } finally {
    engine.free();
  }
  await installJobEngine(databaseUrl, async (boss) => {
    if (applied.includes(DELIVERY_QUEUE_MIGRATION)) await carryOverQueuedEvents(databaseUrl, boss);
  });
  return applied;
}

/**
 * Writes a new migration with the SQL that takes the migration history to the current schema, then
 * applies it. The wasm engine cannot open a shadow database by itself, so the history is replayed
 * into a temporary database on the same server and diffed against the schema there.
 * Returns null when the schema has not changed.
 */
export async function createMigration(databaseUrl: string, name: string): Promise<string | null> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`migration name "${name}" must be lower-case letters, digits and underscores`);
  const schema = await readFile(SCHEMA_PATH, "utf8");
  const files = [{ path: SCHEMA_PATH, content: schema }];
  const script = await withScratchDatabase(databaseUrl, async (scratchUrl) => {
    const engine = await openEngine(scratchUrl, schema);
    try {
      await engine.applyMigrations({ migrationsList: await readMigrations(), filters: NO_FILTER });
      const diff = await engine.diff({
        from: { tag: "schemaDatasource", files, configDir: ROOT },
        to: { tag: "schemaDatamodel", files },
        script: true,
        exitCode: null,
        filters: NO_FILTER,
      });
      return diff.stdout ?? "";
    } finally {
      engine.free();
    }
  });
  if (!script.trim() || script.includes("This is an empty migration.")) return null;
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const migrationName = `${stamp}_${name}`;
  await mkdir(join(MIGRATIONS_DIR, migrationName), { recursive: true });
  await writeFile(join(MIGRATIONS_DIR, migrationName, "migration.sql"), script);
  const lockPath = join(MIGRATIONS_DIR, LOCKFILE);
  if (!existsSync(lockPath)) {
    await writeFile(lockPath, `# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n`);
  }
  await deployMigrations(databaseUrl);
  return migrationName;
}

async function withScratchDatabase<T>(databaseUrl: string, work: (url: string) => Promise<T>): Promise<T> {
  const name = `callbridge_migrate_${randomUUID().replace(/-/g, "")}`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
    const url = new URL(databaseUrl);
    url.pathname = `/${name}`;
    return await work(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}
