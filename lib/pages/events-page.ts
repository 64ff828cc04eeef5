// What the Events page shows for its URL: the filtered page of events, the count "Send again all failed"
// offers, the integration (for links into the CRM and what "Send again" can do), and the opened event.
import { countFailed, decodeCursor, eventsPage } from "@/lib/db/queries/event-list";
import { findEvent } from "@/lib/db/queries/events";
import { findIntegrationSummary } from "@/lib/db/queries/integrations";
import { traceOf } from "@/lib/db/json";
import { eventListFilter } from "@/lib/events/search";
import { eventListFilterSchema } from "@/lib/validation/event-list";

export const EVENTS_PAGE_SIZE = 50;

export async function loadEventsPage(project: { id: string; defaultCountry: string }, query: Record<string, string>) {
  const input = eventListFilterSchema.parse({ status: query.status || undefined, type: query.type || undefined, lookups: query.lookups === "1", q: query.q ?? "" });
  const filter = eventListFilter(input, project.defaultCountry);
  const before = decodeCursor(query.before);
  const [page, failed, integration, selected] = await Promise.all([
    eventsPage(project.id, filter, before, EVENTS_PAGE_SIZE),
    countFailed(project.id, filter),
    findIntegrationSummary(project.id),
    query.event ? findEvent(project.id, query.event) : null,
  ]);
  const trace = traceOf(selected?.trace);
  const account = (integration?.account ?? null) as { apiBase?: string } | null;
  return {
    input,
    filter,
    before,
    page,
    failed,
    integrationStatus: integration?.status ?? null,
    selected,
    trace,
    connection: integration ? { crm: integration.crm, apiBase: account?.apiBase } : null,
    // The sandbox has no record pages of its own: its records are listed on the Sandbox page.
    sandboxHref: account?.apiBase?.includes("/sandbox/") ? "sandbox" : null,
  };
}
