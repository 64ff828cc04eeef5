// F19: what a softphone shows while the phone rings — who is calling and their open deal, each with the
// CRM's own web link. Built from the records the routing lookup found, inside the same time budget.
import type { CrmConnector, CrmPipeline, CrmRecord, EntityKind } from "@/lib/connectors/types";
import { traced, type TraceEntry } from "@/lib/engine/trace";
import { words } from "@/lib/i18n/words";

export interface CallerCard {
  name: string;
  entity: EntityKind;
  id: string;
  /** The record's page in the CRM's web app; null when the connection names no web address (api.pipedrive.com). */
  url: string | null;
  openDeal?: { title: string; stage: string; url: string | null };
}

interface CardContext {
  connector: CrmConnector;
  trace: TraceEntry[];
  pipelines: () => Promise<CrmPipeline[]>;
}

const stageName = (pipelines: CrmPipeline[], deal: CrmRecord) =>
  pipelines.flatMap((pipeline) => pipeline.stages).find((stage) => stage.id === deal.stageId)?.name ?? deal.stageId ?? "";

/**
 * The caller is the contact when one holds the number (else the organization or deal found); the open
 * deal is the deal found, else the contact's first open deal (one more CRM read, made only for a contact).
 */
export async function callerCard(context: CardContext, found: { record: CrmRecord; contact: CrmRecord | null; deal: CrmRecord | null }): Promise<CallerCard> {
  const who = found.contact ?? found.record;
  const deal =
    found.deal ??
    (found.contact ? ((await traced(context, "search", words("trace.search.openDealsCard", { id: found.contact.id }), () => context.connector.openDealsOfContact(found.contact!.id))).find((candidate) => candidate.open) ?? null) : null);
  const [url, dealUrl, pipelines] = await Promise.all([context.connector.recordUrl(who.kind, who.id), deal ? context.connector.recordUrl("deal", deal.id) : null, deal ? context.pipelines() : []]);
  return { name: who.name, entity: who.kind, id: who.id, url, ...(deal ? { openDeal: { title: deal.name, stage: stageName(pipelines, deal), url: dealUrl } } : {}) };
}
