// `npm run bench -- idle-workers`: what 20 idle delivery-worker processes cost the database, with main's
// job-engine settings (e2e/bench/idle-worker-main.ts) and with this code's (scripts/worker.ts as deployed).
//
// Measured with pg_stat_statements on a cluster of the benchmark's own (the shared bench database would
// mix in other benchmarks' statements): the sum of `calls` over a 30 s window, minus the benchmark's own
// reads, is every statement the workers ran — fetch polls, supervise passes, queue-cache reads, lease
// looks. pg_stat_database's xact_commit + xact_rollback over the same window is printed beside it.
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { startEmbeddedPostgres } from "../../lib/db/embedded";
import { deployMigrations } from "../../lib/db/migrate";
import { startScript, type Running } from "../../testing/processes";

const PROCESSES = Number(process.env.IDLE_WORKERS ?? 20);
const CONCURRENCY = "16";
const SETTLE_MS = 10_000;
const WINDOW_MS = 30_000;

interface Load {
  statements: number;
  transactions: number;
}

async function measure(url: string, script: string): Promise<Load> {
  const running: Running[] = [];
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // A few at a time: 20 TypeScript start-ups at once on a small machine take longer than the window.
    for (let i = 0; i < PROCESSES; i += 5) {
      const batch = Array.from({ length: Math.min(5, PROCESSES - i) }, () => startScript(script, { DATABASE_URL: url, DELIVERY_CONCURRENCY: CONCURRENCY }, /worker: delivering/));
      running.push(...(await Promise.all(batch)));
    }
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    const transactions = async () =>
      Number((await client.query<{ n: string }>(`SELECT xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname = current_database()`)).rows[0]!.n);
    await client.query(`SELECT pg_stat_statements_reset()`);
    const before = await transactions();
    await new Promise((resolve) => setTimeout(resolve, WINDOW_MS));
    const after = await transactions();
    const { rows } = await client.query<{ n: string }>(
      `SELECT coalesce(sum(calls), 0) AS n FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
       WHERE d.datname = current_database() AND query NOT ILIKE '%pg_stat_%'`,
    );
    // The benchmark's own two pg_stat_database reads are transactions too.
    return { statements: Number(rows[0]!.n) / (WINDOW_MS / 1000), transactions: (after - before - 2) / (WINDOW_MS / 1000) };
  } finally {
    await Promise.all(running.map((process) => process.stop()));
    await client.end();
  }
}

export async function runIdleWorkersBench(): Promise<boolean> {
  const dir = await mkdtemp(join(tmpdir(), "callbridge-bench-idle-"));
  await chmod(dir, 0o755);
  const database = await startEmbeddedPostgres({
    dataDir: join(dir, "cluster"),
    persistent: false,
    database: "callbridge_idle",
    settings: { shared_preload_libraries: "pg_stat_statements", "pg_stat_statements.track": "all" },
  });
  try {
    await deployMigrations(database.url);
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    await admin.query(`CREATE EXTENSION IF NOT EXISTS pg_stat_statements`);
    const main = await measure(database.url, "e2e/bench/idle-worker-main.ts");
    const now = await measure(database.url, "scripts/worker.ts");
    await admin.end();
    const ratio = now.statements / main.statements;
    console.log(`\nidle-workers: ${PROCESSES} idle worker processes (DELIVERY_CONCURRENCY=${CONCURRENCY}) on one database, ${WINDOW_MS / 1000} s window`);
    console.log(`  main's settings:  ${main.statements.toFixed(1).padStart(7)} statements/s  ${main.transactions.toFixed(1).padStart(7)} transactions/s`);
    console.log(`  this code:        ${now.statements.toFixed(1).padStart(7)} statements/s  ${now.transactions.toFixed(1).padStart(7)} transactions/s`);
    console.log(`  ratio:            ${ratio.toFixed(3)} (target ≤ 0.1)`);
    return ratio <= 0.1;
  } finally {
    await database.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
