// In-process caches on lru-cache's own fetch: concurrent callers share one load (fetchMethod), a value is
// kept for `ttlMs`, and a failed load is not remembered (the next caller tries again). One per process and
// name (process-shared.ts), so every bundle of the Next server sees the same one.
// Bounded like every cache of a multi-tenant server: by entries, by bytes (keys and loaded values,
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

/** lru-cache keeps no null or undefined values: each value is boxed. */
interface Entry<V> {
  value: V;
}

const storedKey = (key: string) => (key.length > MAX_PLAIN_KEY ? `sha256:${createHash("sha256").update(key).digest("base64url")}` : key);

export function ttlCache<V>(name: string, ttlMs: number, bounds: CacheBounds = {}) {
  const { max, maxSize, maxEntrySize } = { ...DEFAULT_BOUNDS, ...bounds };
  const entries = processShared(
    `ttl:${name}`,
    () =>
      new LRUCache<string, Entry<V>, () => Promise<V>>({
        max,
        maxSize,
        maxEntrySize,
        ttl: ttlMs,
        // A load in flight counts as PENDING_BYTES until its value is known.
        backgroundFetchSize: PENDING_BYTES,
        sizeCalculation: (entry, key) => ENTRY_BYTES + 2 * key.length + approximateSize(entry.value),
        fetchMethod: async (_key, _stale, { context }) => ({ value: await context() }),
        // A key forgotten (or evicted) while its load runs: the callers still get the value, and it is not
        // kept, so a load that began before a change never outlives the change's forget().
        ignoreFetchAbort: true,
      }),
  );
  return {
    /** The value without waiting, when it is loaded and fresh (hot paths skip an await). */
    peek(key: string): { value: V } | undefined {
      return entries.get(storedKey(key));
    },
    async get(key: string, load: () => Promise<V>): Promise<V> {
      const entry = await entries.fetch(storedKey(key), { context: load });
      return entry!.value;
    },
    forget(key: string) {
      entries.delete(storedKey(key));
    },
    /** Forgets every loaded value that `test` picks (e.g. a project known by its id, cached by its key). */
    forgetWhere(test: (value: V) => boolean) {
      const picked = [...entries.entries()].filter(([, entry]) => test(entry.value));
      for (const [id] of picked) entries.delete(id);
    },
    clear() {
      entries.clear();
    },
  };
}
