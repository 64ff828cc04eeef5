// A CRM's published rate caps, kept in PostgreSQL (rate-limiter-flexible's Postgres store), so that any
// number of app and worker processes together stay within one account's budget. Callers wait for a free
// slot rather than failing.
//
// Asking PostgreSQL for every single request would cost a round trip per CRM call; instead a process
// takes a lease of a quarter of the window's points at once and hands them out locally until the window
// ends. All processes together still never take more than the window's points.
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { processShared } from "@/lib/cache/process-shared";
import { pgPool } from "@/lib/db/pg-pool";

interface Lease {
  left: number;
  /** Epoch ms when the window the lease was taken from ends. */
  until: number;
}

/** `points` operations per `windowMs` per key (a CRM account), across all processes. */
export function sharedWindow(name: string, points: number, windowMs: number, leases = processShared(`limiter-leases:${name}:${points}:${windowMs}`, () => new Map<string, Lease>())) {
  const limiter = processShared(
    `limiter:${name}:${points}:${windowMs}`,
    // The table comes with the migrations (prisma model RateLimit); expired rows are reused in place.
    () => new RateLimiterPostgres({ storeClient: pgPool(), tableName: "rate_limits", tableCreated: true, clearExpiredByTimeout: false, keyPrefix: name, points, duration: windowMs / 1000 }),
  );
  const leaseSize = Math.max(1, Math.floor(points / 4));
  const pending = new Map<string, Promise<void>>();

  /** Takes `size` points as a lease; a refused attempt takes nothing (PostgreSQL counted it, so it is given back). */
  const lease = async (key: string, size: number): Promise<RateLimiterRes | null> => {
    try {
      const taken = await limiter.consume(key, size);
      leases.set(key, { left: size, until: Date.now() + taken.msBeforeNext });
      return null;
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      await limiter.reward(key, size);
      return refusal;
    }
  };

  /** One lease request per key at a time; when the window is used up, waits for it to end. */
  const renew = (key: string) => {
    let request = pending.get(key);
    if (!request) {
      request = (async () => {
        const refused = await lease(key, leaseSize);
        if (!refused) return;
        // Fewer points than a lease are left in this window: take what is left, else wait for the next one.
        const left = points - (refused.consumedPoints - leaseSize);
        if (left > 0 && !(await lease(key, left))) return;
        await new Promise((resolve) => setTimeout(resolve, refused.msBeforeNext + 1));
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
