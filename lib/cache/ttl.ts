// A small in-process cache of promises: concurrent callers share one load, a value is kept for `ttlMs`,
// and a failed load is not remembered (the next caller tries again). One per process and name.
import { processShared } from "./process-shared";

export function ttlCache<V>(name: string, ttlMs: number) {
  const entries = processShared(`ttl:${name}`, () => new Map<string, { at: number; value: Promise<V>; settled?: { value: V } }>());
  return {
    /** The value without waiting, when it is loaded and fresh (hot paths skip an await). */
    peek(key: string): { value: V } | undefined {
      const hit = entries.get(key);
      return hit && Date.now() - hit.at < ttlMs ? hit.settled : undefined;
    },
    get(key: string, load: () => Promise<V>): Promise<V> {
      const hit = entries.get(key);
      if (hit && Date.now() - hit.at < ttlMs) return hit.value;
      const value = load();
      const entry: { at: number; value: Promise<V>; settled?: { value: V } } = { at: Date.now(), value };
      entries.set(key, entry);
      value.then(
        (loaded) => void (entry.settled = { value: loaded }),
        () => undefined,
      );
      value.catch(() => {
        if (entries.get(key)?.value === value) entries.delete(key);
      });
      return value;
    },
    forget(key: string) {
      entries.delete(key);
    },
    clear() {
      entries.clear();
    },
  };
}
