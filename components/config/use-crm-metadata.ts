"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { CrmField, CrmPipeline, CrmUser } from "@/lib/connectors/types";
import type { MappedEntity } from "@/lib/validation/vocabulary";

export type CrmMetadataAnswer = { connected: false } | { connected: true; fields: Record<MappedEntity, CrmField[]>; pipelines: CrmPipeline[]; users: CrmUser[] };

async function fetchMetadata(projectKey: string, refresh: boolean): Promise<CrmMetadataAnswer> {
  const response = await fetch(`/api/projects/${encodeURIComponent(projectKey)}/crm-metadata${refresh ? "?refresh=1" : ""}`);
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new Error(body?.error?.message ?? `HTTP ${response.status}`);
  return body as CrmMetadataAnswer;
}

/** Fields, pipelines and users read live from the CRM; `refresh` asks the CRM again, past the cache. */
export function useCrmMetadata(projectKey: string) {
  const client = useQueryClient();
  // A CRM that is down says so at once (with Retry), rather than "Loading…" through the library's retries.
  const query = useQuery({ queryKey: ["crm-metadata", projectKey], queryFn: () => fetchMetadata(projectKey, false), retry: false });
  const refresh = () => client.fetchQuery({ queryKey: ["crm-metadata", projectKey], queryFn: () => fetchMetadata(projectKey, true), staleTime: 0 });
  return { ...query, refresh };
}
