// F6: what the CRM already holds for this event's client. The local link cache first (a repeat caller
// needs no search), then phone variants, e-mail and client id; every CRM call is traced.
import type { CrmConnector, CrmKind, CrmRecord, EntityKind } from "@/lib/connectors/types";
import { findLinks, forgetLink, saveLinks } from "@/lib/db/queries/links";
import type { ClientEvent } from "@/lib/validation/platform-event";
import { normalisePhone, samePhone } from "@/lib/phone/variants";
import type { IntegrationConfig, MatrixRow } from "@/lib/validation/config";
import { triggerOf, type Found } from "./decide";
import { clientIdField, clientKeys, type ClientKeys } from "@/lib/events/event-values";
import { checkLinkedRecord, linkable } from "./link-check";
import { pickMatch } from "./several-matches";
import { kindWords, note, traced, type TraceEntry } from "./trace";
import { words } from "@/lib/i18n/words";

export const linkKeys = (keys: ClientKeys) =>
  [keys.phone && `phone:${keys.phone}`, keys.email && `email:${keys.email}`, keys.clientId && `client:${keys.clientId}`].filter((key): key is string => Boolean(key));

interface FindContext {
  projectId: string;
  crm: CrmKind;
  connector: CrmConnector;
  country: string;
  trace: TraceEntry[];
}

/** What picks one of several matches: the project's policy and the CRM's pipelines in its own order. */
interface Choice {
  matching: IntegrationConfig["matching"];
  pipelineOrder: string[];
}

/** One of the records that matched, by the project's policy; the trace says so when there were several. */
function chosen(context: FindContext, kind: EntityKind, records: CrmRecord[], choice: Choice): CrmRecord | null {
  const picked = pickMatch(kind, records, kind === "deal" ? choice.matching.deals : choice.matching.contacts, choice.pipelineOrder);
  if (picked.why) note(context, "match", picked.why);
  return picked.record;
}

async function findOne(context: FindContext, kind: EntityKind, keys: ClientKeys, cached: Map<string, string>, clientIdFieldKey: string | null, choice: Choice): Promise<CrmRecord | null> {
  for (const key of linkKeys(keys)) {
    const id = cached.get(`${kind}|${key}`);
    if (!id) continue;
    const record = await verifiedLink(context, kind, id, key, keys, clientIdFieldKey);
    if (record) return record;
    // Gone, deleted, converted, or no longer the client's: forget the link and search again.
    await forgetLink(context.projectId, context.crm, kind, key);
  }
  if (keys.phone) {
    // One "contains" search on the national significant number finds every stored format in one CRM
    // call (crm-apis.md); digits alone can match a stranger, so only the same E.164 number counts.
    const digits = normalisePhone(keys.phone, context.country)!.nationalSignificant;
    const hits = await traced(context, "search", words("trace.search.phone", { kind: kindWords(kind), digits }), () => context.connector.searchPhoneCandidates(kind, digits));
    const hit = chosen(context, kind, hits.filter((record) => linkable(record) && record.phones.some((phone) => samePhone(phone, keys.phone!, context.country))), choice);
    if (hit) return hit;
  }
  if (keys.email) {
    const hit = chosen(context, kind, (await traced(context, "search", words("trace.search.email", { kind: kindWords(kind), email: keys.email }), () => context.connector.searchByEmail(kind, keys.email!))).filter(linkable), choice);
    if (hit) return hit;
  }
  // Last, as the seeds say: the client id, through the CRM field it is mapped to (found even when the
  // entity was made outside Callbridge).
  if (keys.clientId && clientIdFieldKey) {
    const hit = chosen(context, kind, (await traced(context, "search", words("trace.search.clientId", { kind: kindWords(kind), clientId: keys.clientId, field: clientIdFieldKey }), () => context.connector.searchByField(kind, clientIdFieldKey, keys.clientId!))).filter(linkable), choice);
    if (hit) return hit;
  }
  return null;
}

/**
 * The record a link names, read back (the one CRM read a repeat caller costs) and checked: still there,
 * live, and still holding the key the link was made for. A record merged away leads to its successor,
 * which must pass the same check. Null: search again.
 */
async function verifiedLink(context: FindContext, kind: EntityKind, id: string, key: string, keys: ClientKeys, clientIdFieldKey: string | null): Promise<CrmRecord | null> {
  let record = await traced(context, "get", words("trace.get.linked", { kind: kindWords(kind), id }), () => context.connector.get(kind, id));
  for (let hops = 0; record && hops < 3; hops++) {
    const verdict = checkLinkedRecord(record, key, keys, context.country, clientIdFieldKey);
    if (verdict.use) return record;
    note(context, "link", words("trace.link.notUsed", { kind: kindWords(kind), id: record.id, why: verdict.why }));
    if (!verdict.follow) return null;
    const successor = verdict.follow;
    record = await traced(context, "get", words("trace.get.survivor", { kind: kindWords(kind), id: successor }), () => context.connector.get(kind, successor));
  }
  return null;
}

/** The deal the link cache remembers for this client, read at once (alongside the contact lookup). */
async function cachedDeal(context: FindContext, keys: ClientKeys, cached: Map<string, string>): Promise<{ key: string; record: CrmRecord | null } | null> {
  for (const key of linkKeys(keys)) {
    const id = cached.get(`deal|${key}`);
    if (id) return { key, record: await traced(context, "get", words("trace.get.linked", { kind: kindWords("deal"), id }), () => context.connector.get("deal", id)) };
  }
  return null;
}

/**
 * The contact's open deal: the one the link cache remembers while it is still open and still the
 * contact's (a read, not a search: the deal this client's events went to stays theirs), else one of the
 * CRM's open deals of the contact, by the project's policy.
 */
async function findOpenDeal(context: FindContext, contactId: string, remembered: Awaited<ReturnType<typeof cachedDeal>>, choice: Choice): Promise<CrmRecord | null> {
  if (remembered?.record?.open && linkable(remembered.record) && remembered.record.contactId === contactId) return remembered.record;
  if (remembered) await forgetLink(context.projectId, context.crm, "deal", remembered.key);
  const deals = await traced(context, "search", words("trace.search.openDeals", { id: contactId }), () => context.connector.openDealsOfContact(contactId));
  return chosen(context, "deal", deals.filter(linkable), choice);
}

/** The found contact's organization and open deal, read side by side. */
async function contactRelations(context: FindContext, contact: CrmRecord, withOrganization: boolean, remembered: ReturnType<typeof cachedDeal> | Promise<null> | null, choice: Choice) {
  const [organization, deal] = await Promise.all([
    contact.organizationId && withOrganization
      ? traced(context, "get", words("trace.get.organization", { id: contact.organizationId }), () => context.connector.get("organization", contact.organizationId!)).then((found) => (found && linkable(found) ? found : null))
      : null,
    remembered ? remembered.then((found) => findOpenDeal(context, contact.id, found, choice)) : null,
  ]);
  return { organization, deal };
}

/** The contact, organization and open deal a converted lead became (a rare case: reads, no search). */
async function convertedInto(context: FindContext, into: NonNullable<CrmRecord["convertedTo"]>, withDeal: boolean, withOrganization: boolean, choice: Choice) {
  const read = async (kind: EntityKind, id: string | undefined) => {
    if (!id) return null;
    const record = await traced(context, "get", words("trace.get.converted", { kind: kindWords(kind), id }), () => context.connector.get(kind, id));
    return record && linkable(record) ? record : null;
  };
  const contact = await read("contact", into.contactId);
  if (!contact) return { contact: null, organization: null, deal: null };
  const [organization, converted] = await Promise.all([withOrganization ? read("organization", into.organizationId ?? contact.organizationId ?? undefined) : null, withDeal ? read("deal", into.dealId) : null]);
  const deal = withDeal ? (converted?.open ? converted : await findOpenDeal(context, contact.id, null, choice)) : null;
  return { contact, organization, deal };
}

/**
 * `remember: false` (the dry run) reads the CRM but writes nothing, not even the local link cache.
 * `row`: the matrix row the delivery applies (a live call's phase, phases.ts), else the event's trigger's.
 * `pipelineOrder`: the CRM's pipeline ids in its own order, for the "pipelines" policy of several deals.
 */
export async function findExisting(
  context: FindContext,
  event: ClientEvent,
  config: IntegrationConfig,
  options: { remember?: boolean; row?: MatrixRow; pipelineOrder?: string[] } = {},
): Promise<{ found: Found; keys: ClientKeys }> {
  const choice: Choice = { matching: config.matching, pipelineOrder: options.pipelineOrder ?? [] };
  const keys = clientKeys(event, config.forms, context.country);
  // A caller that is not a phone number is matched to nobody (see decide).
  if (event.type === "call" && !keys.phone) return { found: { contact: null, organization: null, deal: null, lead: null }, keys };
  const cached = await findLinks(context.projectId, context.crm, linkKeys(keys));
  const trigger = triggerOf(event);
  const row = options.row ?? config.matrix.find((candidate) => candidate.trigger === trigger)!;
  const wanted = (entity: "lead" | "contact" | "organization" | "deal") => row[entity] !== "none" || entity === "contact";

  // Reads that do not depend on each other go to the CRM side by side.
  const remembered = wanted("deal") ? cachedDeal(context, keys, cached).catch(() => null) : Promise.resolve(null);
  const byClientId = (kind: EntityKind) => clientIdField(config, event.type, kind);
  const byPhone = wanted("contact") ? await findOne(context, "contact", keys, cached, byClientId("contact"), choice) : null;
  const [byContact, lead] = await Promise.all([
    byPhone ? contactRelations(context, byPhone, row.organization !== "none", wanted("deal") ? remembered : null, choice) : null,
    row.lead !== "none" ? findOne(context, "lead", keys, cached, byClientId("lead"), choice) : null,
  ]);
  let found = { contact: byPhone, organization: byContact?.organization ?? null, deal: byContact?.deal ?? null };
  if (!byPhone && lead?.converted && lead.convertedTo?.contactId) {
    // A lead converted in the CRM is never written to again: the contact (and deal) it became take over.
    found = await convertedInto(context, lead.convertedTo, wanted("deal"), row.organization !== "none", choice);
  }
  const { contact, organization, deal } = found;
  if (options.remember !== false) await rememberFound(context, keys, { contact, lead, deal }, cached);
  return { found: { contact, organization, deal, lead }, keys };
}

export async function rememberFound(
  context: { projectId: string; crm: CrmKind },
  keys: ClientKeys,
  found: { contact?: { id: string } | null; lead?: { id: string } | null; deal?: { id: string } | null },
  /** Links already stored, which need no write. */
  known: Map<string, string> = new Map(),
) {
  const links = [];
  for (const key of linkKeys(keys)) {
    for (const kind of ["contact", "lead", "deal"] as const) {
      const entity = found[kind];
      if (entity && known.get(`${kind}|${key}`) !== entity.id) links.push({ kind, key, entityId: entity.id });
    }
  }
  await saveLinks(context.projectId, context.crm, links);
}
