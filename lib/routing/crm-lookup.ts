// F13 against the CRM: the first open entity of the configured kinds that holds the caller's number, and
// its owner. At most one CRM request per entity kind: the contact is found once (link cache, else one
// "contains" phone search) and shared by the organization and deal steps.
import type { CrmConnector, CrmKind, CrmRecord } from "@/lib/connectors/types";
import type { RoutingEntity } from "@/lib/validation/vocabulary";
import { findLinks } from "@/lib/db/queries/links";
import { kindWords, traced, type TraceEntry } from "@/lib/engine/trace";
import { words } from "@/lib/i18n/words";
import { normalisePhone, samePhone } from "@/lib/phone/variants";

export interface OwnerFound {
  entity: RoutingEntity;
  id: string;
  ownerId: string | null;
  /** The record found, the caller's contact when one was looked up, and the open deal found (caller card). */
  record: CrmRecord;
  contact: CrmRecord | null;
  deal: CrmRecord | null;
}

export interface CrmLookupContext {
  projectId: string;
  crm: CrmKind;
  connector: CrmConnector;
  country: string;
  trace: TraceEntry[];
}

async function byPhone(context: CrmLookupContext, kind: "contact" | "organization", phone: string): Promise<CrmRecord | null> {
  const digits = normalisePhone(phone, context.country)!.nationalSignificant;
  const hits = await traced(context, "search", words("trace.search.phone", { kind: kindWords(kind), digits }), () => context.connector.searchPhoneCandidates(kind, digits));
  return hits.find((record) => record.phones.some((candidate) => samePhone(candidate, phone, context.country))) ?? null;
}

export async function findOpenOwner(context: CrmLookupContext, phone: string, order: readonly RoutingEntity[]): Promise<OwnerFound | null> {
  let contact: Promise<CrmRecord | null> | undefined;
  const findContact = () =>
    (contact ??= (async () => {
      const linked = (await findLinks(context.projectId, context.crm, [`phone:${phone}`])).get(`contact|phone:${phone}`);
      if (linked) {
        const record = await traced(context, "get", words("trace.get.linked", { kind: kindWords("contact"), id: linked }), () => context.connector.get("contact", linked));
        if (record) return record;
      }
      return byPhone(context, "contact", phone);
    })());

  for (const kind of order) {
    if (kind === "contact") {
      const found = await findContact();
      if (found) return { entity: "contact", id: found.id, ownerId: found.ownerId, record: found, contact: found, deal: null };
    } else if (kind === "organization") {
      const person = await findContact();
      const organization = person?.organizationId
        ? await traced(context, "get", words("trace.get.organizationOf", { id: person.organizationId!, contactId: person.id }), () => context.connector.get("organization", person.organizationId!))
        : await byPhone(context, "organization", phone);
      if (organization) return { entity: "organization", id: organization.id, ownerId: organization.ownerId, record: organization, contact: person, deal: null };
    } else {
      const person = await findContact();
      if (!person) continue;
      const deals = await traced(context, "search", words("trace.search.openDeals", { id: person.id }), () => context.connector.openDealsOfContact(person.id));
      const open = deals.find((deal) => deal.open);
      if (open) return { entity: "deal", id: open.id, ownerId: open.ownerId, record: open, contact: person, deal: open };
    }
  }
  return null;
}
