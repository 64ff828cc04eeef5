// Scaling out from nothing: two web processes (which migrate, as `npm run start` does) and two delivery
// workers (which wait for the schema) started at the same moment on a fresh database all come up, and
// every migration is applied exactly once.
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { startScript, type Running } from "@/testing/processes";
import { prepareDatabase } from "./prepare";
import { localMigrations } from "./schema-ready";

const fresh = `startup_${Date.now()}`;
const freshUrl = () => {
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${fresh}`;
  return url.toString();
};

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

describe("four processes started at once on a fresh database", () => {
  const running: Running[] = [];
  afterAll(async () => {
    await Promise.all(running.map((process) => process.stop()));
    await admin((client) => client.query(`DROP DATABASE IF EXISTS ${fresh} WITH (FORCE)`));
  });

  it("all serve or work; migrations applied once", { timeout: 240_000 }, async () => {
    await admin((client) => client.query(`CREATE DATABASE ${fresh}`));
    // With SKIP_MIGRATIONS a process does not migrate: it refuses the database, naming the release step.
    await expect(prepareDatabase(freshUrl(), { migrate: false, log: () => undefined })).rejects.toThrow(/behind this code.*npm run db:deploy/);
    const env = { DATABASE_URL: freshUrl(), DELIVERY_CONCURRENCY: "2", MIGRATION_WAIT_SECONDS: "180" };
    const started = Date.now();
    const processes = await Promise.all([
      startScript("testing/app-process.ts", { ...env, MIGRATE: "on" }),
      startScript("testing/app-process.ts", { ...env, MIGRATE: "on" }),
      startScript("scripts/worker.ts", env, /worker: delivering/),
      startScript("scripts/worker.ts", env, /worker: delivering/),
    ]);
    running.push(...processes);
    process.stdout.write(`4 processes up ${((Date.now() - started) / 1000).toFixed(1)} s after starting together\n`);
    for (const web of processes.slice(0, 2)) expect((await fetch(`${web.url}/api/webhooks/none/events`, { method: "POST", body: "{}" })).status).toBeLessThan(500);
    const client = new pg.Client({ connectionString: freshUrl() });
    await client.connect();
    try {
      const { rows } = await client.query<{ migration_name: string; finished_at: Date | null }>(`SELECT migration_name, finished_at FROM _prisma_migrations ORDER BY migration_name`);
      expect(rows.map((row) => row.migration_name)).toEqual((await localMigrations()).sort());
      expect(rows.every((row) => row.finished_at !== null)).toBe(true);
      expect((await client.query(`SELECT name FROM pgboss.queue`)).rows.map((row) => row.name)).toEqual(["deliver-event"]);
    } finally {
      await client.end();
    }
  });
});
