// Shared set-up of the benchmarks: a throwaway PostgreSQL with migrations, and timing helpers.
import { randomBytes } from "node:crypto";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmbeddedPostgres } from "../../lib/db/embedded";
import { deployMigrations } from "../../lib/db/migrate";
import { LOOPBACK_TEST_PORTS } from "../../testing/loopback";

export async function benchDatabase() {
  const dir = await mkdtemp(join(tmpdir(), "callbridge-bench-pg-"));
  await chmod(dir, 0o755);
  const database = await startEmbeddedPostgres({ dataDir: join(dir, "cluster"), persistent: false, database: "callbridge_bench" });
  Object.assign(process.env, {
    DATABASE_URL: database.url,
    NEXTAUTH_SECRET: randomBytes(32).toString("hex"),
    ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    CRON_SECRET: randomBytes(32).toString("hex"),
    // The sandboxes and their recordings listen on this machine's loopback, on random ports.
    EGRESS_ALLOW_CRM: LOOPBACK_TEST_PORTS,
    EGRESS_ALLOW_RECORDINGS: LOOPBACK_TEST_PORTS,
    // The ingest benchmarks flood one project on purpose: they measure the path, not the quota.
    WEBHOOK_REQUESTS_PER_PROJECT_PER_SECOND: "100000",
  });
  await deployMigrations(database.url);
  return {
    url: database.url,
    stop: async () => {
      await database.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export async function timed(task: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await task();
  return performance.now() - start;
}

export const ms = (value: number) => value.toFixed(2).padStart(8);
