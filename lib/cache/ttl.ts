// A small in-process cache of promises: concurrent callers share one load, a value is kept for `ttlMs`,
// and a failed load is not remembered (the next caller tries again). One per process and name.
// Bounded like every cache of a multi-tenant server: by entries, by bytes (keys and settled values,
// estimated) and by time, in least-recently-used order; a key longer than MAX_PLAIN_KEY (anything a
// request can make up, e.g. a 16 KB project key in a URL) is kept by its fixed-size digest.
import { createHash } from "node:crypto";
import { LRUCache } from "lru-cache";
import { approximateSize } from "./approximate-size";
import { processShared } from "./process-shared";

export const MAX_PLAIN_KEY = 200;
/** What a load in flight is counted as, until its value is known. */
const PENDING_BYTES = 256;
const ENTRY_BYTES = 64;

export interface CacheBounds {
  /** Entries kept at most. */
  max?: number;
  /** Bytes kept at most (keys and values, estimated). */
  maxSize?: number;
  /** Bytes one entry may take; a larger value is served to its callers but not kept. */
  maxEntrySize?: number;
}

const DEFAULT_BOUNDS: Required<CacheBounds> = { max: 10_000, maxSize: 16 * 1024 * 1024, maxEntrySize: 1024 * 1024 };

interface Entry<V> {
  value: Promise<V>;
  settled?: { value: V };
}

const storedKey = (key: string) => (key.length > MAX_PLAIN_KEY ? `sha256:${createHash("sha256").update(key).digest("base64url")}` : key);

export function ttlCache<V>(name: string, ttlMs: number, bounds: CacheBounds = {}) {
  const { max, maxSize, maxEntrySize } = { ...DEFAULT_BOUNDS, ...bounds };
  const entries = processShared(
    `ttl:${name}`,
    () =>
      new LRUCache<string, Entry<V>>({
        max,
        maxSize,
        maxEntrySize,
        ttl: ttlMs,
        sizeCalculation: (entry, key) => ENTRY_BYTES + 2 * key.length + (entry.settled ? approximateSize(entry.settled.value) : PENDING_BYTES),
      }),
  );
  return {
    /** The value without waiting, when it is loaded and fresh (hot paths skip an await). */
    peek(key: string): { value: V } | undefined {
      return entries.get(storedKey(key))?.settled;
    },
    get(key: string, load: () => Promise<V>): Promise<V> {
      const id = storedKey(key);
      const hit = entries.get(id);
      if (hit) return hit.value;
      const value = load();
      const entry: Entry<V> = { value };
      entries.set(id, entry);
      value.then(
        (loaded) => {
          // Counted again with its value's size, keeping the time it was loaded at.
          if (entries.peek(id) === entry) entries.set(id, { value, settled: { value: loaded } }, { noUpdateTTL: true });
        },
        () => {
          if (entries.peek(id)?.value === value) entries.delete(id);
        },
      );
      return value;
    },
    forget(key: string) {
      entries.delete(storedKey(key));
    },
    /** Forgets every loaded value that `test` picks (e.g. a project known by its id, cached by its key). */
    forgetWhere(test: (value: V) => boolean) {
      const picked = [...entries.entries()].filter(([, entry]) => entry.settled && test(entry.settled.value));
      for (const [id] of picked) entries.delete(id);
    },
    clear() {
      entries.clear();
    },
  };
}
