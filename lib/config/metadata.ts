// The connected CRM's fields, pipelines and users, read live through the connector and kept for a short
// while, so that editors and validations do not call the CRM on every keystroke or save. The cache is
// keyed by the integration's identity and last change, so connecting another CRM is seen at once.
import { LRUCache } from "lru-cache";
import { findIntegrationSummary } from "@/lib/db/queries/integrations";
import { AppError, isCrmError } from "@/lib/errors";
import { projectConnector } from "@/lib/integrations/connect";
import type { CrmConnector } from "@/lib/connectors/types";
import type { CrmMetadata } from "./crm-checks";
import { MAPPED_ENTITIES } from "@/lib/validation/vocabulary";

const TTL_MS = 30_000;
// Bounded like every cache: per project, and by an estimate of the bytes (a CRM's field lists can be large).
const cache = new LRUCache<string, { at: number; key: string; value: Promise<CrmMetadata | null> }>({
  max: 1_000,
  maxSize: 32 * 1024 * 1024,
  ttl: TTL_MS,
  // Counted before its value is known: a project's metadata is typically tens of KB.
  sizeCalculation: (_entry, key) => 64 * 1024 + 2 * key.length,
});

async function load(projectId: string): Promise<CrmMetadata | null> {
  const found = await projectConnector(projectId);
  return found ? metadataOf(found.connector) : null;
}

/** A connector's fields, pipelines and users, read afresh (also for a connection not stored yet). */
export async function metadataOf(connector: CrmConnector): Promise<CrmMetadata> {
  const fieldLists = await Promise.all(MAPPED_ENTITIES.map((entity) => connector.listFields(entity)));
  const [pipelines, users] = await Promise.all([connector.listPipelines(), connector.listUsers()]);
  return {
    fields: Object.fromEntries(MAPPED_ENTITIES.map((entity, index) => [entity, fieldLists[index]!])) as CrmMetadata["fields"],
    pipelines,
    users,
  };
}

export async function crmMetadata(projectId: string, options: { fresh?: boolean } = {}): Promise<CrmMetadata | null> {
  const integration = await findIntegrationSummary(projectId);
  if (!integration) return null;
  const key = `${integration.id}:${integration.crm}:${integration.updatedAt.getTime()}`;
  const hit = cache.get(projectId);
  if (hit && hit.key === key && !options.fresh && Date.now() - hit.at < TTL_MS) return hit.value;
  const value = load(projectId);
  cache.set(projectId, { at: Date.now(), key, value });
  // A failed load is not remembered: the next caller tries again.
  value.catch(() => cache.delete(projectId));
  return value;
}

export function forgetCrmMetadata(projectId: string) {
  cache.delete(projectId);
}

/**
 * What the config API's crm-metadata answers: the connected CRM's fields per entity (with whether a mapping
 * row may write them), pipelines with stages, and users — exactly the ids the configuration document takes.
 */
export async function crmMetadataDocument(projectId: string) {
  const integration = await findIntegrationSummary(projectId);
  if (!integration) throw new AppError("CONFLICT", "This project is not connected to a CRM yet: PUT a connection first.");
  let metadata: CrmMetadata | null;
  try {
    metadata = await crmMetadata(projectId, { fresh: true });
  } catch (error) {
    if (isCrmError(error)) throw new AppError("UNAVAILABLE", `Could not read the CRM: ${error.message}`);
    throw error;
  }
  if (!metadata) throw new AppError("CONFLICT", "This project is not connected to a CRM yet: PUT a connection first.");
  const fields = Object.fromEntries(
    MAPPED_ENTITIES.map((entity) => [
      entity,
      metadata.fields[entity].map((field) => ({ key: field.key, label: field.label, type: field.type, custom: field.custom, mappable: field.isString && field.custom && !field.readOnly, maxLength: field.maxLength ?? null })),
    ]),
  );
  return { crm: integration.crm, fields, pipelines: metadata.pipelines, users: metadata.users };
}
