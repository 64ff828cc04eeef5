// When to try a failed delivery again: exponential backoff with jitter, for about 3 days, then dead.

export const RETRY_HORIZON_MS = 3 * 24 * 60 * 60 * 1000;
const BASE_MS = 30_000;
const CAP_MS = 6 * 60 * 60 * 1000;

/** `attempts` counts the attempt that just failed (1 for the first). `random` is injected for tests. */
export function nextAttemptDelay(attempts: number, retryAfterMs = 0, random: () => number = Math.random): number {
  const exponential = Math.min(CAP_MS, BASE_MS * 2 ** Math.max(0, attempts - 1));
  // ±20 % so that events failed together do not all retry in the same second.
  const jittered = exponential * (0.8 + 0.4 * random());
  return Math.max(Math.round(jittered), retryAfterMs);
}

export function givesUp(occurredAt: Date, now: Date): boolean {
  return now.getTime() - occurredAt.getTime() > RETRY_HORIZON_MS;
}
