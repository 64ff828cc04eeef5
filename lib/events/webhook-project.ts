// The project a signed webhook names, with its secret opened, kept for a few seconds: the PBX posts
// events and lookups many times a second, and each would otherwise read and decrypt the same row.
// A rotation or settings change in this process is seen at once; other processes see it within TTL_MS.
import { ttlCache } from "@/lib/cache/ttl";
import { openSecret } from "@/lib/crypto/secrets";
import { findWebhookProject } from "@/lib/db/queries/events";

const TTL_MS = 5_000;

export interface WebhookProject {
  id: string;
  key: string;
  webhookSecret: string;
  defaultCountry: string;
  timezone: string;
  /** The CRM account's concurrency, for delivery jobs' group. */
  concurrency: number;
}

const cache = ttlCache<WebhookProject | null>("webhook-projects", TTL_MS);

/** From memory when it is there, so the hot path of a webhook does not wait at all. */
export function webhookProject(key: string): WebhookProject | null | Promise<WebhookProject | null> {
  const known = cache.peek(key);
  if (known) return known.value;
  return cache.get(key, async () => {
    const row = await findWebhookProject(key);
    return row && { id: row.id, key: row.key, webhookSecret: openSecret(row.webhookSecretEncrypted), defaultCountry: row.defaultCountry, timezone: row.timezone, concurrency: row.integration?.concurrency ?? 10 };
  });
}

/** After a secret rotation or a settings change. */
export const forgetWebhookProjects = () => cache.clear();
