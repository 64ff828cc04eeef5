// A counting semaphore shared by every process on the database: `slots` PostgreSQL session advisory locks
// per name, one held for the duration of the work. Chosen over a table of leases because a session lock
// goes with its connection: a process that crashes or hangs up mid-call frees its slot at once, with no
// expiry to tune and nothing to clean up. Each held slot keeps one pooled connection busy, so the pool is
// sized for the slots a process may hold at once; waiters hold none.
import { createHash } from "node:crypto";
import pg from "pg";
import { processShared } from "@/lib/cache/process-shared";
import { env } from "@/lib/env";
import { log } from "@/lib/observability/logger";

const POOL_SIZE = 12;
const pool = () =>
  processShared("advisory-slots-pool", () => {
    const created = new pg.Pool({ connectionString: env().DATABASE_URL, max: POOL_SIZE });
    created.on("error", (error) => log("db").error({ err: error }, "advisory slots pool error"));
    return created;
  });

/** The first int4 of the lock key: the name hashed (collisions only make two names share slots). */
const classOf = (name: string) => createHash("sha256").update(`advisory-slots:${name}`).digest().readInt32BE(0);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface SlotOptions {
  /** First wait between tries when every slot is taken; doubles up to maxWaitMs, with jitter. */
  minWaitMs?: number;
  maxWaitMs?: number;
}

/**
 * Runs `work` while holding one of `slots` slots of `name`, across every process on this database;
 * waits (never fails) while all are taken. The try starts at a random slot so that waiters spread out.
 */
export async function withAdvisorySlot<T>(name: string, slots: number, work: () => Promise<T>, options: SlotOptions = {}): Promise<T> {
  const key = classOf(name);
  let wait = options.minWaitMs ?? 20;
  for (;;) {
    const client = await pool().connect();
    let slot: number | null = null;
    // A connection that could not unlock may still hold the slot: it is closed, not pooled again.
    let unlocked = true;
    try {
      // Without ORDER BY the executor stops at the first slot it locks: no other slot is taken.
      const { rows } = await client.query<{ slot: number }>(
        `SELECT slot FROM (SELECT (s + $3::int) % $2::int AS slot FROM generate_series(0, $2::int - 1) AS s) AS candidates
          WHERE pg_try_advisory_lock($1::int, slot) LIMIT 1`,
        [key, slots, Math.floor(Math.random() * slots)],
      );
      slot = rows[0]?.slot ?? null;
      if (slot !== null) return await work();
    } finally {
      if (slot !== null) unlocked = await client.query("SELECT pg_advisory_unlock($1::int, $2::int)", [key, slot]).then(() => true, () => false);
      client.release(!unlocked);
    }
    await sleep(wait / 2 + Math.random() * wait);
    wait = Math.min(wait * 2, options.maxWaitMs ?? 250);
  }
}
