// Prisma 7 reads its settings from here (it no longer loads .env by itself).
// The CLI is only used for `prisma generate`; migrations run through lib/db/migrate.ts.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
