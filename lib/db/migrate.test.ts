import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { db } from "./client";
import { deployMigrations } from "./migrate";

describe("migrations", () => {
  it("recorded every migration in the standard _prisma_migrations table", async () => {
    const onDisk = readdirSync("prisma/migrations", { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    const rows = await db().$queryRaw<Array<{ migration_name: string; finished_at: Date | null }>>`
      SELECT migration_name, finished_at FROM _prisma_migrations ORDER BY migration_name`;
    expect(rows.map((row) => row.migration_name)).toEqual(onDisk);
    expect(rows.every((row) => row.finished_at !== null)).toBe(true);
  });

  it("applies nothing when the database is up to date", async () => {
    expect(await deployMigrations(process.env.DATABASE_URL!)).toEqual([]);
  });
});
