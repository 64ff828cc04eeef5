// A plain pg pool beside Prisma, for the one statement on the webhook hot path (the group insert of
// events): it skips the ORM's per-query layers, which cost more than the insert itself under load.
import pg from "pg";
import { processShared } from "@/lib/cache/process-shared";
import { env } from "@/lib/env";

export const pgPool = () => processShared("pg-pool", () => new pg.Pool({ connectionString: env().DATABASE_URL, max: 4 }));
