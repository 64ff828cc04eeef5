// The project a signed webhook names, with its secret opened, kept for a few seconds: the PBX posts
// events and lookups many times a second, and each would otherwise read and decrypt the same row.
// A rotation or settings change in this process is seen at once; other processes see it within TTL_MS,
// and a project deleted by another process as soon as a write of its events fails (group-insert.ts).
import { ttlCache } from "@/lib/cache/ttl";
import { openSecret, secretPlaces } from "@/lib/crypto/secrets";
import { findWebhookProject, isDeletedProjectKey } from "@/lib/db/queries/events";

const TTL_MS = 5_000;
/**
 * Keys are made by create-project.ts (a slug of 24 and 6 hex digits) or chosen in the CLI; anything
 * longer is no project's key. Such a key is answered as unknown without a query and without being
 * cached, so made-up keys of up to ~16 KB in the URL cost neither the database nor memory.
 */
export const MAX_PROJECT_KEY = 100;

export interface WebhookProject {
  id: string;
  key: string;
  webhookSecret: string;
  defaultCountry: string;
  timezone: string;
  /** The CRM account's concurrency, for delivery jobs' group. */
  concurrency: number;
}

/** A key whose project was deleted (DeletedProjectKey): answered 404, unlike a key that never existed. */
export const DELETED_PROJECT = "deleted" as const;
/** Its answer, also for a write that found its project deleted meanwhile (group-insert.ts). */
export const DELETED_MESSAGE = "This project was deleted.";
type Known = WebhookProject | typeof DELETED_PROJECT | null;

// Unknown and deleted keys are cached too, so a repeated wrong key costs no query; entries are small.
const cache = ttlCache<Known>("webhook-projects", TTL_MS, { max: 20_000, maxSize: 8 * 1024 * 1024 });

/** From memory when it is there, so the hot path of a webhook does not wait at all. */
export function webhookProject(key: string): Known | Promise<Known> {
  if (key.length > MAX_PROJECT_KEY) return null;
  const known = cache.peek(key);
  if (known) return known.value;
  return cache.get(key, async () => {
    const row = await findWebhookProject(key);
    if (!row) return (await isDeletedProjectKey(key)) ? DELETED_PROJECT : null;
    return { id: row.id, key: row.key, webhookSecret: openSecret(row.webhookSecretEncrypted, secretPlaces.webhookSecret(row.id)), defaultCountry: row.defaultCountry, timezone: row.timezone, concurrency: row.integration?.concurrency ?? 10 };
  });
}

/** After a secret rotation or a settings change. */
export const forgetWebhookProjects = () => cache.clear();

/** A project found deleted (its events' foreign key failed): the next request reads the database. */
export const forgetWebhookProjectId = (projectId: string) => cache.forgetWhere((project) => typeof project === "object" && project?.id === projectId);
