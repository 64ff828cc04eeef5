// A CRM's published rate caps, kept in PostgreSQL (rate-limiter-flexible's Postgres store), so that any
// number of app and worker processes together stay within one account's budget. Callers wait for a free
// slot rather than failing.
//
// Asking PostgreSQL for every single request would cost a round trip per CRM call; instead a process
// takes a lease of a quarter of a large window's points at once and hands them out locally until the
// window ends. All processes together still never take more than the window's points.
import { RateLimiterPostgres } from "rate-limiter-flexible";
import { processShared } from "@/lib/cache/process-shared";
import { pgPool } from "@/lib/db/pg-pool";

interface Lease {
  left: number;
  /** Epoch ms when the window the lease was taken from ends. */
  until: number;
}

/**
 * How long a limiter refusal asks us to wait, or null when what was thrown is not a refusal. Recognised by
 * its shape (`remainingPoints`, `msBeforeNext`), not `instanceof RateLimiterRes`: Next compiles server
 * bundles separately, each with its own copy of the class, and a refusal taken for an error lost events.
 */
export function refusalWait(thrown: unknown): number | null {
  if (typeof thrown !== "object" || thrown === null || thrown instanceof Error) return null;
  const { msBeforeNext, remainingPoints } = thrown as { msBeforeNext?: unknown; remainingPoints?: unknown };
  return typeof msBeforeNext === "number" && typeof remainingPoints === "number" ? Math.max(0, msBeforeNext) : null;
}

/** `points` operations per `windowMs` per key (a CRM account), across all processes. */
export function sharedWindow(name: string, points: number, windowMs: number, leases = processShared(`limiter-leases:${name}:${points}:${windowMs}`, () => new Map<string, Lease>())) {
  const limiter = processShared(
    `limiter:${name}:${points}:${windowMs}`,
    // The table comes with the migrations (prisma model RateLimit); expired rows are reused in place.
    () => new RateLimiterPostgres({ storeClient: pgPool(), tableName: "rate_limits", tableCreated: true, clearExpiredByTimeout: false, keyPrefix: name, points, duration: windowMs / 1000 }),
  );
  // Small budgets (Pipedrive's 10 searches per 2 s) are taken one by one: a lease a process does not use
  // up before the window ends would be lost to the others. Pipedrive's burst limits (20, 40 … 480) are
  // multiples of 4, so leases use a window up exactly.
  const leaseSize = points >= 20 ? Math.floor(points / 4) : 1;
  // Shared by every caller in the process (sharedWindow is called per request): one lease request at a time.
  const pending = processShared(`limiter-pending:${name}:${points}:${windowMs}`, () => new Map<string, Promise<void>>());

  /** One lease request per key at a time; when the window is used up, waits for it to end. */
  const renew = (key: string) => {
    let request = pending.get(key);
    if (!request) {
      request = (async () => {
        try {
          const taken = await limiter.consume(key, leaseSize);
          leases.set(key, { left: leaseSize, until: Date.now() + taken.msBeforeNext });
        } catch (refusal) {
          // Never given back: a reward that lands after the window ended would open the next one too wide.
          const wait = refusalWait(refusal);
          if (wait === null) throw refusal;
          await new Promise((resolve) => setTimeout(resolve, wait + 1));
        }
      })().finally(() => pending.delete(key));
      pending.set(key, request);
    }
    return request;
  };

  return {
    async take(key: string): Promise<void> {
      for (;;) {
        const lease = leases.get(key);
        if (lease && lease.left > 0 && Date.now() < lease.until) {
          lease.left--;
          return;
        }
        await renew(key);
      }
    },
  };
}
