import { describe, expect, it } from "vitest";
import { ttlCache } from "./ttl";

const later = <T>(value: T) => {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, release: () => resolve(value) };
};

describe("a ttl cache", () => {
  it("shares one load among concurrent callers and keeps its value, null included", async () => {
    const cache = ttlCache<string | null>(`share-${Math.random()}`, 60_000);
    let loads = 0;
    const load = async () => (loads++, null);
    expect(await Promise.all([cache.get("k", load), cache.get("k", load), cache.get("k", load)])).toEqual([null, null, null]);
    expect(loads).toBe(1);
    expect(cache.peek("k")).toEqual({ value: null });
  });

  it("forgets a failed load, so the next caller tries again", async () => {
    const cache = ttlCache<number>(`fail-${Math.random()}`, 60_000);
    await expect(cache.get("k", () => Promise.reject(new Error("database away")))).rejects.toThrow("database away");
    expect(cache.peek("k")).toBeUndefined();
    expect(await cache.get("k", async () => 7)).toBe(7);
  });

  it("does not keep a load that was running when its key was forgotten, but still answers its callers", async () => {
    const cache = ttlCache<string>(`forget-${Math.random()}`, 60_000);
    const slow = later("before the change");
    const pending = cache.get("config", () => slow.promise);
    cache.forget("config");
    slow.release();
    expect(await pending).toBe("before the change");
    expect(cache.peek("config")).toBeUndefined();
    expect(await cache.get("config", async () => "after the change")).toBe("after the change");
  });
});
