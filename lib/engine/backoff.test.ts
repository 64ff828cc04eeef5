import { describe, expect, it } from "vitest";
import { givesUp, nextAttemptDelay, RETRY_HORIZON_MS } from "./backoff";

describe("retry backoff", () => {
  it("doubles from 30 s with ±20 % jitter, capped at 6 h, and never sooner than the CRM asked", () => {
    expect(nextAttemptDelay(1, 0, () => 0.5)).toBe(30_000);
    expect(nextAttemptDelay(3, 0, () => 0.5)).toBe(120_000);
    expect(nextAttemptDelay(1, 0, () => 0)).toBe(24_000);
    expect(nextAttemptDelay(1, 0, () => 1)).toBe(36_000);
    expect(nextAttemptDelay(30, 0, () => 0.5)).toBe(6 * 60 * 60 * 1000);
    expect(nextAttemptDelay(1, 90_000, () => 0.5)).toBe(90_000);
  });

  it("gives up after about 3 days", () => {
    const now = new Date("2026-11-21T12:00:00Z");
    expect(givesUp(new Date(now.getTime() - RETRY_HORIZON_MS + 1000), now)).toBe(false);
    expect(givesUp(new Date(now.getTime() - RETRY_HORIZON_MS - 1000), now)).toBe(true);
  });
});
