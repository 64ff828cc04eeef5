// The shared rate window over real PostgreSQL: two processes (here two independent lease holders on the
// same table) together take no more than the window's points, and the rest wait for the next window.
import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { sharedWindow } from "./shared-limiter";

it("two holders share 20 points per window: 20 go at once, the rest wait for the next window, none is lost", async () => {
  const key = `account-${randomUUID()}`;
  const one = sharedWindow("limiter-test", 20, 1_000, new Map());
  const two = sharedWindow("limiter-test", 20, 1_000, new Map());
  const started = Date.now();
  const times = await Promise.all(Array.from({ length: 30 }, (_, index) => (index % 2 ? one : two).take(key).then(() => Date.now() - started)));
  const first = times.filter((ms) => ms < 900);
  expect(first.length).toBeLessThanOrEqual(20);
  expect(first.length).toBeGreaterThanOrEqual(16);
  expect(times).toHaveLength(30);
  expect(Math.max(...times)).toBeGreaterThanOrEqual(900);
});

it("callers of one process share its lease: 40 at once from one process on a 480-point window take 120 points, not 40 leases", async () => {
  const key = `account-${randomUUID()}`;
  // sharedWindow is called per request, as the connector does: the lease and its renewal are the process's.
  await Promise.all(Array.from({ length: 40 }, () => sharedWindow("limiter-test-480", 480, 2_000).take(key)));
  const other = sharedWindow("limiter-test-480", 480, 2_000, new Map());
  const started = Date.now();
  // Another process still finds three leases' worth in this window.
  for (let index = 0; index < 3 * 120; index++) await other.take(key);
  expect(Date.now() - started).toBeLessThan(1_500);
});

it("a refusal is recognised by its shape, whichever copy of rate-limiter-flexible made it", async () => {
  const { refusalWait } = await import("./shared-limiter");
  const { RateLimiterRes } = await import("rate-limiter-flexible");
  expect(refusalWait(new RateLimiterRes(0, 1669, 11, false))).toBe(1669);
  // Another bundle's class: the same fields on another prototype.
  expect(refusalWait({ remainingPoints: 0, msBeforeNext: 1669, consumedPoints: 11, isFirstInDuration: false })).toBe(1669);
  expect(refusalWait(new Error("connection refused"))).toBeNull();
  expect(refusalWait({ msBeforeNext: "soon" })).toBeNull();
});
