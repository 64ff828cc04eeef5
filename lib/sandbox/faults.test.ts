import { describe, expect, it } from "vitest";
import { drawFaults, readFaults } from "./faults";
import { resetRateLimits, takeRateLimit } from "./pipedrive/rate-limit";

describe("fault injection", () => {
  it("has quiet defaults and reads stored settings", () => {
    expect(readFaults({})).toMatchObject({ latencyMs: 0, errorRate: 0, burst429: 0, spikeRate: 0, burstLimit: 80, searchBurstLimit: 10 });
    expect(readFaults(null).latencyMs).toBe(0);
    expect(readFaults({ latencyMs: 50, errorRate: 0.2 })).toMatchObject({ latencyMs: 50, errorRate: 0.2 });
  });

  it("draws latency spikes and 5xx from the configured rates", () => {
    const faults = readFaults({ latencyMs: 10, errorRate: 0.2, spikeRate: 0.5, spikeMs: 2000 });
    expect(drawFaults(faults, () => 0.1)).toEqual({ delayMs: 2010, fail5xx: true });
    expect(drawFaults(faults, () => 0.9)).toEqual({ delayMs: 10, fail5xx: false });
    expect(drawFaults(readFaults({}), () => 0)).toEqual({ delayMs: 0, fail5xx: false });
  });
});

describe("Pipedrive burst limit", () => {
  it("allows the budget per 2-second window with headers, then refuses until the window resets", () => {
    resetRateLimits();
    const limits = { burst: 3, search: 1 };
    const start = 1_000_000;
    expect(takeRateLimit("t", false, limits, start).headers).toEqual({ "x-ratelimit-limit": "3", "x-ratelimit-remaining": "2", "x-ratelimit-reset": "2" });
    expect(takeRateLimit("t", true, limits, start + 10).allowed).toBe(true);
    // Search has its own, smaller budget inside the window.
    expect(takeRateLimit("t", true, limits, start + 20).allowed).toBe(false);
    expect(takeRateLimit("t", false, limits, start + 25).allowed).toBe(true);
    expect(takeRateLimit("t", false, limits, start + 30).allowed).toBe(false);
    expect(takeRateLimit("other", false, limits, start + 30).allowed).toBe(true);
    const later = takeRateLimit("t", false, limits, start + 2_000);
    expect(later.allowed).toBe(true);
    expect(later.headers["x-ratelimit-remaining"]).toBe("2");
  });
});
