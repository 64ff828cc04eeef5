// An estimate of the bytes a cached value holds, for caches bounded by size (lru-cache's maxSize).
// Not exact, but proportional to what matters: strings (UTF-16, 2 bytes a unit), array and object slots.
// Walks at most MAX_NODES values and each object once, so a large or cyclic value (a connector with its
// HTTP agent) costs a bounded walk and is counted as at least what was seen.

const MAX_NODES = 5_000;
const SLOT_BYTES = 8;
const OBJECT_BYTES = 32;

export function approximateSize(value: unknown): number {
  const seen = new WeakSet<object>();
  const pending: unknown[] = [value];
  let bytes = 0;
  let nodes = 0;
  while (pending.length && nodes++ < MAX_NODES) {
    const next = pending.pop();
    if (typeof next === "string") bytes += 2 * next.length + 16;
    else if (typeof next !== "object" || next === null) bytes += SLOT_BYTES;
    else if (!seen.has(next)) {
      seen.add(next);
      bytes += OBJECT_BYTES;
      if (next instanceof Map) for (const [key, item] of next) pending.push(key, item);
      else if (next instanceof Set) for (const item of next) pending.push(item);
      else if (ArrayBuffer.isView(next)) bytes += next.byteLength;
      else if (Array.isArray(next)) pending.push(...next);
      else for (const [key, item] of Object.entries(next)) pending.push(key, item);
    }
  }
  return bytes;
}
