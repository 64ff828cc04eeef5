// Bringing the database up to date at start-up, safely with any number of processes starting at once:
// a process whose database is current takes no lock at all; one that finds another applying migrations
// waits for it; with SKIP_MIGRATIONS=yes (deployments that run `npm run db:deploy` as a release step) a
// process never migrates and refuses a database that is behind.
import { deployMigrations } from "./migrate";
import { pendingMigrations, waitForSchema } from "./schema-ready";
import { retryWhileStarting } from "./startup-errors";
import { log as logger } from "@/lib/observability/logger";

export async function prepareDatabase(databaseUrl: string, options: { migrate: boolean; log?: (line: string) => void }): Promise<void> {
  const log = options.log ?? ((line: string) => logger("db").info(line));
  // A server that is still starting (or was just restarted) may drop the first connections: not fatal.
  const pending = await retryWhileStarting(() => pendingMigrations(databaseUrl), log);
  if (!pending.length) {
    log("Database is up to date.");
    return;
  }
  if (!options.migrate) {
    throw new Error(`The database schema is behind this code (pending: ${pending.join(", ")}). Run \`npm run db:deploy\` first (SKIP_MIGRATIONS is set, so this process does not migrate).`);
  }
  try {
    const applied = await retryWhileStarting(() => deployMigrations(databaseUrl), log);
    log(applied.length ? `Applied migrations: ${applied.join(", ")}` : "Database is up to date.");
  } catch (error) {
    // Another process holds the migration lock (the schema engine gives up after 10 s): wait for it.
    if (!/advisory lock/i.test(String((error as Error).message ?? error))) throw error;
    log("Another process is applying migrations; waiting for it to finish…");
    await waitForSchema(databaseUrl);
    log("Database is up to date.");
  }
}

/** SKIP_MIGRATIONS=yes: this process leaves migrating to a release step. */
export const migratesAtStart = () => !/^(yes|true|1|on)$/i.test(process.env.SKIP_MIGRATIONS ?? "");
