// The CRM's users (id → e-mail) for routing, kept for a few minutes: owners change rarely, and a lookup
// must not spend its time budget on listing users.
import type { CrmConnector, CrmUser } from "@/lib/connectors/types";

const TTL_MS = 5 * 60_000;
const cache = new Map<string, { at: number; users: Promise<CrmUser[]> }>();

export function crmUsers(integrationId: string, connector: CrmConnector): Promise<CrmUser[]> {
  const hit = cache.get(integrationId);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.users;
  const users = connector.listUsers();
  cache.set(integrationId, { at: Date.now(), users });
  // A failed listing is not remembered: the next lookup asks again.
  users.catch(() => cache.delete(integrationId));
  return users;
}
