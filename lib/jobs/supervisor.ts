// One supervisor per database instead of one per process. pg-boss's supervise pass (expire jobs whose
// worker stopped heartbeating, queue stats, retention) is safe to run everywhere — its claims let one
// instance per interval do the work — but every instance still *tries* every superviseIntervalSeconds,
// about seven statements each time. With 20 processes at 2 s that was most of an idle deployment's load.
// So the processes elect one holder of a lease row (PgBouncer-safe: a plain UPDATE, no session lock); the
// holder supervises every few seconds, the others only look at the lease now and then.
//
// The guarantee the worker relies on: a crashed worker's job comes back within about 15–30 s — its
// heartbeat goes stale after 10 s (DELIVERY_QUEUE_OPTIONS.heartbeatSeconds), the supervisor notices within
// PASS_SECONDS, or, if the supervisor itself crashed, another process takes the lease within LEASE_SECONDS
// + FOLLOWER_CHECK_SECONDS and supervises at once. Workers poll only every 30 s (NOTIFY wakes them for new
// events), so after each pass the supervisor also NOTIFYs the queue when a job is due — a retry whose time
// came, or a job the pass just took back from a dead worker — which no insert would announce.
import { randomUUID } from "node:crypto";
import type { PgBoss } from "pg-boss";

export const PASS_SECONDS = 5;
export const LEASE_SECONDS = 15;
export const FOLLOWER_CHECK_SECONDS = 8;

export function leaseTableSql(schema: string) {
  return `CREATE TABLE IF NOT EXISTS ${schema}.callbridge_supervisor (id int PRIMARY KEY, holder text NOT NULL, until timestamptz NOT NULL)`;
}

export interface Supervisor {
  /** Whether this process held the lease at its last look. */
  leading(): boolean;
  /** Stops the loop and hands the lease back, so another process takes over at its next look. */
  stop(): Promise<void>;
}

export function superviseElected(boss: PgBoss, options: { schema: string; queue: string; log?: (line: string) => void }): Supervisor {
  const { schema, queue } = options;
  const db = boss.getDb();
  const me = `${process.pid}:${randomUUID()}`;
  let holding = false;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  // One statement: take the lease when it is free or expired, renew it when it is ours.
  const claim = async () => {
    const { rows } = await db.executeSql(
      `INSERT INTO ${schema}.callbridge_supervisor AS s (id, holder, until) VALUES (1, $1, now() + make_interval(secs => $2))
       ON CONFLICT (id) DO UPDATE SET holder = excluded.holder, until = excluded.until
       WHERE s.holder = excluded.holder OR s.until < now()
       RETURNING holder`,
      [me, LEASE_SECONDS],
    );
    return rows.length > 0;
  };
  // The channel pg-boss LISTENs on (plans.notifyChannelSql); only when a runnable job waits.
  const nudge = () =>
    db.executeSql(
      `SELECT pg_notify('pgboss_' || left(encode(sha224($2::bytea), 'hex'), 24), $1)
       WHERE EXISTS (SELECT 1 FROM ${schema}.job WHERE name = $1 AND state < 'active' AND NOT blocked AND start_after <= ${schema}.job_now())`,
      [queue, schema],
    );

  const tick = async () => {
    try {
      const was = holding;
      holding = await claim();
      if (holding && !was) options.log?.("job engine: this process supervises the queues");
      if (holding) {
        await boss.supervise();
        if (!stopped) await nudge();
      }
    } catch (error) {
      // A lost connection or a schema not installed yet: try again at the next look, as a follower.
      holding = false;
      boss.emit("error", error instanceof Error ? error : new Error(String(error)));
    }
    if (!stopped) timer = setTimeout(() => (running = tick()), (holding ? PASS_SECONDS : FOLLOWER_CHECK_SECONDS) * 1000);
    timer?.unref();
  };
  running = tick();

  return {
    leading: () => holding,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
      if (!holding) return;
      holding = false;
      await db.executeSql(`DELETE FROM ${schema}.callbridge_supervisor WHERE holder = $1`, [me]).catch(() => undefined);
    },
  };
}
