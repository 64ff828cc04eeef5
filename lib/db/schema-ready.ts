// Whether the database's schema is as new as this code: every migration in prisma/migrations applied
// (and none in progress), and the job engine's queue installed. Processes that do not migrate wait for it.
import { existsSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import pg from "pg";
import { DELIVERY_QUEUE, JOB_SCHEMA } from "../jobs/boss";
import { log } from "@/lib/observability/logger";

const MIGRATIONS_DIR = join(resolve(dirname(new URL(import.meta.url).pathname), "../.."), "prisma/migrations");

export async function localMigrations(): Promise<string[]> {
  if (!existsSync(MIGRATIONS_DIR)) return [];
  return (await readdir(MIGRATIONS_DIR, { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
}

/** The migrations this code has that the database has not finished applying (empty: up to date). */
export async function pendingMigrations(databaseUrl: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const exists = await client.query(`SELECT to_regclass('public._prisma_migrations') AS migrations, to_regclass('${JOB_SCHEMA}.queue') AS queue`);
    const local = await localMigrations();
    if (!exists.rows[0].migrations) return local;
    const { rows } = await client.query<{ migration_name: string }>(`SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`);
    const applied = new Set(rows.map((row) => row.migration_name));
    const pending = local.filter((name) => !applied.has(name));
    if (!pending.length && !exists.rows[0].queue) return ["job engine schema"];
    if (!pending.length) {
      const queue = await client.query(`SELECT 1 FROM ${JOB_SCHEMA}.queue WHERE name = $1`, [DELIVERY_QUEUE]);
      if (!queue.rowCount) return ["job engine queue"];
    }
    return pending;
  } finally {
    await client.end();
  }
}

/** Waits (logging once) until another process has migrated the database; fails after `limitMs`. */
export async function waitForSchema(databaseUrl: string, limitMs = Number(process.env.MIGRATION_WAIT_SECONDS ?? 600) * 1000): Promise<void> {
  const started = Date.now();
  let logged = false;
  for (;;) {
    const pending = await pendingMigrations(databaseUrl);
    if (!pending.length) return;
    if (Date.now() - started > limitMs) {
      throw new Error(`The database schema is behind this code (pending: ${pending.join(", ")}). Run \`npm run db:deploy\` (or start one process without SKIP_MIGRATIONS).`);
    }
    if (!logged) {
      log("db").info({ pending, limitSeconds: Math.round(limitMs / 1000) }, "waiting for database migrations to finish");
      logged = true;
    }
    await new Promise((done) => setTimeout(done, 500));
  }
}
