// A plain pg pool beside Prisma, for the one statement on the webhook hot path (the group insert of
// events with their delivery jobs, lib/jobs/job-rows-sql.ts): it skips the ORM's per-query layers,
// which cost more than the insert itself under load.
import pg from "pg";
import { processShared } from "@/lib/cache/process-shared";
import { env } from "@/lib/env";
import { log } from "@/lib/observability/logger";

export const pgPool = () =>
  processShared("pg-pool", () => {
    const pool = new pg.Pool({ connectionString: env().DATABASE_URL, max: 4 });
    // An idle connection dropped by a database restart must not become an uncaught exception:
    // the pool discards it and the next query opens a new one.
    pool.on("error", (error) => log("db").error({ err: error }, "database pool error"));
    return pool;
  });
