// GET /api/v2/leads/search: https://developers.pipedrive.com/docs/api/v1/Leads#searchLeads (v2)
// Leads are searched by their own fields only (title, notes, custom_fields), optionally within one
// person's or organization's leads; a lead has no phones or e-mails of its own. Leads are found by their
// person's phone or e-mail through the item search with search_for_related_items, which answers the
// newest related leads and deals of each person and organization found (relatedItems below).
import type { Route } from "../http";
import { asId, cursorPage, type Entity, isDeleted, type PipedriveCall, rows } from "./answers";
import { matching, searchItem, searchTerms } from "./api";

const LEAD_FIELDS = ["title", "notes", "custom_fields"];
/** "up to 100 newest related leads and 100 newest related deals for each found person and organization". */
const RELATED_PER_ITEM = 100;

async function searchLeads(call: PipedriveCall): Promise<Response> {
  const terms = searchTerms(call, LEAD_FIELDS, "leads");
  if (terms instanceof Response) return terms;
  const personId = asId(call.url.searchParams.get("person_id"));
  const organizationId = asId(call.url.searchParams.get("organization_id"));
  const items = [];
  for (const lead of await matching(call, "leads", terms.term, terms.fields, terms.exact)) {
    if (personId !== null && lead.person_id !== personId) continue;
    if (organizationId !== null && lead.organization_id !== organizationId) continue;
    items.push(await searchItem(call, "leads", lead, terms.exact ? 1 : 0.5));
  }
  return cursorPage(call, items, (page) => ({ items: page }));
}

type SearchItem = (call: PipedriveCall, resource: string, entity: Entity, score: number) => Promise<Record<string, unknown>>;

/** The related leads and deals of the persons and organizations an item search found, newest first. */
export async function relatedItems(call: PipedriveCall, found: Array<{ resource: string; entity: Entity }>, toItem: SearchItem): Promise<Array<Record<string, unknown>>> {
  const [leads, deals] = await Promise.all([rows(call, "leads"), rows(call, "deals")]);
  const newest = (list: Entity[]) => [...list].filter((entity) => !isDeleted(entity)).sort((a, b) => String(b.add_time ?? "").localeCompare(String(a.add_time ?? "")));
  const related: Array<Record<string, unknown>> = [];
  const seen = new Set<string>();
  for (const { resource, entity } of found) {
    if (resource !== "persons" && resource !== "organizations") continue;
    const linked = (item: Entity, orgKey: string) => (resource === "persons" ? item.person_id === entity.id : item[orgKey] === entity.id);
    const groups: Array<[string, Entity[]]> = [
      ["leads", newest(leads.filter((lead) => linked(lead, "organization_id"))).slice(0, RELATED_PER_ITEM)],
      ["deals", newest(deals.filter((deal) => linked(deal, "org_id"))).slice(0, RELATED_PER_ITEM)],
    ];
    for (const [module, items] of groups) {
      for (const item of items) {
        if (seen.has(`${module}:${item.id}`)) continue;
        seen.add(`${module}:${item.id}`);
        related.push(await toItem(call, module, item, 0));
      }
    }
  }
  return related;
}

export const leadSearchRoutes: Route<PipedriveCall>[] = [{ method: "GET", pattern: /^\/v2\/leads\/search$/, handle: searchLeads }];
