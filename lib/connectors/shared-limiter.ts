// A CRM's published rate caps, kept in PostgreSQL (rate-limiter-flexible's Postgres store), so that any
// number of app and worker processes together stay within one account's budget. Callers wait for a free
// slot rather than failing.
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { processShared } from "@/lib/cache/process-shared";
import { pgPool } from "@/lib/db/pg-pool";

/** `points` operations per `windowMs` per key (a CRM account), across all processes. */
export function sharedWindow(name: string, points: number, windowMs: number) {
  const limiter = processShared(
    `limiter:${name}:${points}:${windowMs}`,
    // The table comes with the migrations (prisma model RateLimit); expired rows are reused in place.
    () => new RateLimiterPostgres({ storeClient: pgPool(), tableName: "rate_limits", tableCreated: true, clearExpiredByTimeout: false, keyPrefix: name, points, duration: windowMs / 1000 }),
  );
  return {
    async take(key: string): Promise<void> {
      for (;;) {
        try {
          await limiter.consume(key);
          return;
        } catch (refusal) {
          if (!(refusal instanceof RateLimiterRes)) throw refusal;
          await new Promise((resolve) => setTimeout(resolve, refusal.msBeforeNext + 1));
        }
      }
    },
  };
}
