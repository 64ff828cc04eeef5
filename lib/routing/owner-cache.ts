// The routing cache (RoutingCache table) with its hot rows also in memory for a few seconds: a known
// caller is then answered without a database round trip. Writes go to both; another server process
// sees a change within MEMORY_MS.
import { ttlCache } from "@/lib/cache/ttl";
import type { CrmKind } from "@/lib/connectors/types";
import { findCachedOwner, forgetCachedOwner, saveCachedOwner, type CachedOwner } from "@/lib/db/queries/routing";

const MEMORY_MS = 5_000;
const memory = ttlCache<CachedOwner | null>("routing-owners", MEMORY_MS);
const key = (projectId: string, crm: CrmKind, phone: string) => `${projectId}|${crm}|${phone}`;

export function cachedOwner(projectId: string, crm: CrmKind, phone: string): CachedOwner | null | Promise<CachedOwner | null> {
  const id = key(projectId, crm, phone);
  return memory.peek(id)?.value ?? memory.get(id, () => findCachedOwner(projectId, crm, phone));
}

export async function rememberOwner(projectId: string, crm: CrmKind, phone: string, owner: Parameters<typeof saveCachedOwner>[3]) {
  await saveCachedOwner(projectId, crm, phone, owner);
  memory.forget(key(projectId, crm, phone));
}

export async function forgetOwner(projectId: string, crm: CrmKind, phone: string) {
  await forgetCachedOwner(projectId, crm, phone);
  memory.forget(key(projectId, crm, phone));
}

/** Drops the in-memory copies (after the table was changed by other means, e.g. in tests). */
export const dropOwnerMemory = () => memory.clear();
