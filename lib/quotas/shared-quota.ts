// Per-tenant quotas that refuse instead of waiting (429 with Retry-After), shared by every process through
// PostgreSQL (rate-limiter-flexible's Postgres store, the table of lib/connectors/shared-limiter.ts).
//
// A webhook must stay fast, so a large budget is handed out the same way the CRM limiter does it: a process
// takes a lease of a quarter of the window's points in one round trip and answers from memory until it is
// used up; a refusal is remembered until the window ends, so a flood costs no query per request. All
// processes together never admit more than the window's points (a lease a process does not use is lost).
import { RateLimiterPostgres } from "rate-limiter-flexible";
import { processShared } from "@/lib/cache/process-shared";
import { refusalWait } from "@/lib/connectors/shared-limiter";
import { pgPool } from "@/lib/db/pg-pool";

interface Lease {
  left: number;
  /** Epoch ms when the window the lease (or the refusal) came from ends. */
  until: number;
  /** PostgreSQL said the window is used up: every request is refused until `until`, without asking again. */
  refused: boolean;
}

/** null: admitted; a number: refused, try again in this many ms. */
export type QuotaAnswer = number | null;

export interface SharedQuota {
  /** Synchronous while this process holds points of the key (or knows it is refused), else one round trip. */
  take(key: string): QuotaAnswer | Promise<QuotaAnswer>;
}

// Bounded: keys are project or user ids; a window's entries are dropped once it has ended.
const MAX_KEYS = 10_000;

export function sharedQuota(name: string, points: number, windowMs: number): SharedQuota {
  const id = `${name}:${points}:${windowMs}`;
  const limiter = processShared(`quota:${id}`, () => new RateLimiterPostgres({ storeClient: pgPool(), tableName: "rate_limits", tableCreated: true, clearExpiredByTimeout: false, keyPrefix: `quota:${name}`, points, duration: windowMs / 1000 }));
  const leases = processShared(`quota-leases:${id}`, () => new Map<string, Lease>());
  const pending = processShared(`quota-pending:${id}`, () => new Map<string, Promise<void>>());
  // Small budgets (projects per day) are taken one at a time: a lease would strand points in one process.
  const leaseSize = points >= 20 ? Math.floor(points / 4) : 1;

  const renew = (key: string) => {
    let request = pending.get(key);
    if (!request) {
      request = (async () => {
        try {
          const taken = await limiter.consume(key, leaseSize);
          leases.set(key, { left: leaseSize, until: Date.now() + taken.msBeforeNext, refused: false });
        } catch (refusal) {
          const wait = refusalWait(refusal);
          if (wait === null) throw refusal;
          leases.set(key, { left: 0, until: Date.now() + Math.max(wait, 1), refused: true });
        }
        if (leases.size > MAX_KEYS) for (const [old, lease] of leases) if (lease.until <= Date.now()) leases.delete(old);
      })().finally(() => pending.delete(key));
      pending.set(key, request);
    }
    return request;
  };

  const fromLease = (key: string): QuotaAnswer | undefined => {
    const lease = leases.get(key);
    if (!lease || Date.now() >= lease.until) return undefined;
    if (lease.refused) return lease.until - Date.now();
    if (lease.left === 0) return undefined;
    lease.left--;
    return null;
  };

  return {
    take(key) {
      const answer = fromLease(key);
      if (answer !== undefined) return answer;
      return (async () => {
        for (;;) {
          await renew(key);
          const next = fromLease(key);
          if (next !== undefined) return next;
        }
      })();
    },
  };
}
