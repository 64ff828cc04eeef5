// Starts a throwaway PostgreSQL for the test run and applies the migrations to it.
import { randomBytes } from "node:crypto";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "@/lib/db/embedded";
import { deployMigrations } from "@/lib/db/migrate";

export default async function setup(project: TestProject) {
  const dataDir = await mkdtemp(join(tmpdir(), "callbridge-test-pg-"));
  // PostgreSQL runs as the `postgres` system user when we are root: it must be able to enter the folder.
  await chmod(dataDir, 0o755);
  const database = await startEmbeddedPostgres({ dataDir: join(dataDir, "cluster"), persistent: false, database: "callbridge_test" });
  await deployMigrations(database.url);
  project.provide("databaseUrl", database.url);
  // One set of secrets for every test worker (and the processes they start): what one seals, all can open.
  project.provide("secrets", { NEXTAUTH_SECRET: randomBytes(32).toString("hex"), ENCRYPTION_KEY: randomBytes(32).toString("base64"), CRON_SECRET: randomBytes(32).toString("hex") });
  return async () => {
    await database.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    secrets: { NEXTAUTH_SECRET: string; ENCRYPTION_KEY: string; CRON_SECRET: string };
  }
}
