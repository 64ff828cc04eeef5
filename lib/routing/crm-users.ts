// The CRM's users (id → e-mail) for routing, kept for a few minutes: owners change rarely, and a lookup
// must not spend its time budget on listing users.
import { ttlCache } from "@/lib/cache/ttl";
import type { CrmConnector, CrmUser } from "@/lib/connectors/types";

const cache = ttlCache<CrmUser[]>("routing-crm-users", 5 * 60_000);

export const crmUsers = (integrationId: string, connector: CrmConnector): Promise<CrmUser[]> => cache.get(integrationId, () => connector.listUsers());
