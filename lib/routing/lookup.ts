// F13: who should take this call, answered while the caller hears ringing. Known callers are answered
// from the routing cache and refreshed afterwards; unknown ones are looked up in the CRM within the
// project's time budget — past it the PBX is told to go on ("next") and the lookup finishes in the
// background, so the next call of this caller is answered from the cache.
import { z } from "zod";
import { processShared } from "@/lib/cache/process-shared";
import { ttlCache } from "@/lib/cache/ttl";
import type { CrmKind } from "@/lib/connectors/types";
import { loadConfigForWebhooks } from "@/lib/config/service";
import type { RoutingEntity } from "@/lib/validation/vocabulary";
import { findIntegrationSummary } from "@/lib/db/queries/integrations";
import { saveLinks } from "@/lib/db/queries/links";
import { lastTalkedEmployee } from "@/lib/db/queries/routing";
import { kindWords, note, type TraceEntry } from "@/lib/engine/trace";
import { inEnglish, words, type Words } from "@/lib/i18n/words";
import { AppError } from "@/lib/errors";
import { storeEvent } from "@/lib/events/group-insert";
import { authenticateWebhook, type IngestInput } from "@/lib/events/ingest";
import { projectConnector } from "@/lib/integrations/connect";
import { normalisePhone } from "@/lib/phone/variants";
import type { Employee, IntegrationConfig } from "@/lib/validation/config";
import { text, TEXT_MAX, UNSTORABLE_TEXT } from "@/lib/validation/text";
import { englishMessage } from "@/lib/i18n/config";
import { crmMetadata } from "@/lib/config/metadata";
import { callerCard, type CallerCard } from "./caller-card";
import { findOpenOwner, type OwnerFound } from "./crm-lookup";
import { crmUsers } from "./crm-users";
import { employeeForOwner, employeeOfCall } from "./employee";
import { cachedOwner, forgetOwner, rememberOwner } from "./owner-cache";

export const responsibleManagerRequestSchema = z.object({
  callerNumber: text(TEXT_MAX.phone, {
    required: "callerNumber is required: the caller's number as the PBX sees it",
    tooLong: `callerNumber is longer than ${TEXT_MAX.phone} characters`,
    unstorable: `callerNumber ${englishMessage(UNSTORABLE_TEXT)}`,
  })
    .trim()
    .min(1, "callerNumber is empty"),
});

/** Time kept back from the budget for writing the answer (and a busy event loop's delay in getting to it). */
const ANSWER_MARGIN_MS = 40;
/** A cached answer older than this is checked against the CRM after answering. */
export const REFRESH_AFTER_MS = 30_000;

export type RoutingResponse =
  | { status: 200; body: { employee: { sip: string; email: string; name: string }; crmUserId: string | null; matched: { entity: string; id: string } | null; caller?: CallerCard } }
  /** Nobody to route to; `caller` still, when the caller is in the CRM: the phone shows who it is. */
  | { status: 404; body: { next: true; caller?: CallerCard } };

/** Work that must not delay the answer (Next's `after`, or a collector in tests). */
export type Later = (task: () => Promise<unknown>) => void;

type Outcome = ({ employee: Employee; crmUserId: string | null; matched: { entity: string; id: string } | null; why: Words } | { next: true; why: Words }) & { caller?: CallerCard };

interface Lookup {
  projectId: string;
  phone: string;
  country: string;
  config: IntegrationConfig;
  trace: TraceEntry[];
  later: Later;
  deadline: number;
}

type Crm = NonNullable<Awaited<ReturnType<typeof projectConnector>>>;

/** Callers whose cached answer is being checked against the CRM right now. */
const refreshing = processShared("routing-refreshing", () => new Set<string>());

/** The caller card of what was found; a CRM that fails to give it leaves the answer without one. */
async function cardOf(lookup: Pick<Lookup, "projectId" | "trace">, crm: Crm, found: OwnerFound): Promise<CallerCard | undefined> {
  const pipelines = async () => (await crmMetadata(lookup.projectId))?.pipelines ?? [];
  try {
    return await callerCard({ connector: crm.connector, trace: lookup.trace, pipelines }, found);
  } catch (error) {
    note(lookup, "card", words("trace.card.failed", { error: (error as Error).message }), false);
    return undefined;
  }
}

type Looked = OwnerFound & { ownerEmail: string; card: Promise<CallerCard | undefined> };

/**
 * Looks the caller up in the CRM and keeps the result (or forgets a stale one) for the next call. The
 * caller card comes after the owner (one more CRM read for the open deal): the answer waits for it only
 * while the budget lasts, and the card is kept with the cached owner once it is there.
 */
async function lookUpAndRemember(lookup: Pick<Lookup, "projectId" | "phone" | "country" | "trace" | "config">, crm: Crm): Promise<Looked | null> {
  const context = { projectId: lookup.projectId, crm: crm.crm, connector: crm.connector, country: lookup.country, trace: lookup.trace };
  const [users, found] = await Promise.all([crmUsers(crm.integrationId, crm.connector), findOpenOwner(context, lookup.phone, lookup.config.routing.order)]);
  if (!found) {
    await forgetOwner(lookup.projectId, crm.crm, lookup.phone);
    return null;
  }
  const card = cardOf(lookup, crm, found);
  if (!found.ownerId) {
    await forgetOwner(lookup.projectId, crm.crm, lookup.phone);
    return { ...found, ownerEmail: "", card };
  }
  const ownerEmail = users.find((user) => user.id === found.ownerId)?.email ?? "";
  const owner = { entityKind: found.entity, entityId: found.id, ownerId: found.ownerId, ownerEmail };
  if (found.entity === "contact") await saveLinks(lookup.projectId, crm.crm, [{ kind: "contact", key: `phone:${lookup.phone}`, entityId: found.id }]);
  // One write once the card is settled (a CRM read always ends, by its answer or its timeout): the owner with
  // its card, or, when the card failed, the owner alone, which keeps the last good card cached.
  const kept = card.then(async (made) => {
    // An owner or card that cannot be cached is still answered; the next lookup looks it up again.
    await rememberOwner(lookup.projectId, crm.crm, lookup.phone, made ? { ...owner, card: made } : owner).catch(() => undefined);
    return made;
  });
  return { ...found, ownerEmail, card: kept };
}

function ownerOutcome(lookup: Lookup, found: { entity: string; id: string; ownerId: string | null; ownerEmail: string; card?: CallerCard }, from: "cache" | "crm"): Outcome {
  const source = words(`routing.source.${from}`);
  const kind = kindWords(found.entity as RoutingEntity);
  const caller = found.card ? { caller: found.card } : {};
  if (!found.ownerId) return { next: true, why: words("routing.why.noOwner", { kind, id: found.id, source }), ...caller };
  const match = employeeForOwner(lookup.config.employees, found.ownerId, found.ownerEmail);
  if (!match) return { next: true, why: words("routing.why.notEmployee", { ownerId: found.ownerId, email: found.ownerEmail || words("routing.why.unknownEmail"), kind, id: found.id, source }), ...caller };
  note(lookup, "match", words("trace.match.owner", { ownerId: found.ownerId, name: match.employee.name, by: words(match.by === "override" ? "routing.by.override" : "routing.by.email") }));
  return { employee: match.employee, crmUserId: found.ownerId, matched: { entity: found.entity, id: found.id }, why: words("routing.why.owned", { kind, id: found.id, source, name: match.employee.name }), ...caller };
}

/** Which CRM the project uses, kept for a few seconds: a warm lookup needs nothing else from it. */
const integrations = ttlCache<{ crm: CrmKind; status: string } | null>("routing-integrations", 5_000);
const integrationOf = (projectId: string) => integrations.get(projectId, () => findIntegrationSummary(projectId).then((found) => found && { crm: found.crm, status: found.status }));

async function byCrmOwner(lookup: Lookup): Promise<Outcome> {
  const integration = await integrationOf(lookup.projectId);
  if (!integration) return { next: true, why: words("routing.why.notConnected") };
  const cached = await cachedOwner(lookup.projectId, integration.crm, lookup.phone);
  if (cached && lookup.config.routing.order.includes(cached.entityKind as RoutingEntity)) {
    const age = Date.now() - cached.checkedAt.getTime();
    note(lookup, "cache", words("trace.cache", { kind: kindWords(cached.entityKind as RoutingEntity), id: cached.entityId, ownerId: cached.ownerId, seconds: Math.round(age / 1000) }));
    const key = `${lookup.projectId}|${lookup.phone}`;
    if (age > REFRESH_AFTER_MS && !refreshing.has(key)) {
      refreshing.add(key);
      // The CRM is asked again after answering; a changed owner or a closed deal corrects the cache.
      lookup.later(async () => {
        try {
          const connection = await projectConnector(lookup.projectId);
          if (connection) await (await lookUpAndRemember({ ...lookup, trace: [] }, connection))?.card;
        } finally {
          refreshing.delete(key);
        }
      });
    }
    return ownerOutcome(lookup, { entity: cached.entityKind, id: cached.entityId, ownerId: cached.ownerId, ownerEmail: cached.ownerEmail, card: (cached.card ?? undefined) as CallerCard | undefined }, "cache");
  }
  if (integration.status === "broken") return { next: true, why: words("routing.why.broken") };
  const connection = await projectConnector(lookup.projectId);
  if (!connection) return { next: true, why: words("routing.why.notConnected") };
  const searching = lookUpAndRemember(lookup, connection);
  let timer: NodeJS.Timeout | undefined;
  const budget = new Promise<"budget">((resolve) => (timer = setTimeout(() => resolve("budget"), Math.max(0, lookup.deadline - performance.now()))));
  try {
    const result = await Promise.race([searching, budget]);
    if (result === "budget") {
      // Let the search finish in the background: it fills the cache for the caller's next call.
      lookup.later(() => searching.catch(() => undefined));
      return { next: true, why: words("routing.why.timeout", { ms: lookup.config.routing.timeoutMs }) };
    }
    if (!result) return { next: true, why: words("routing.why.notFound", { order: lookup.config.routing.order.map(kindWords) }) };
    // The owner is known: the card joins the answer if it is ready within what is left of the budget.
    const card = await Promise.race([result.card, budget]);
    if (card === "budget") {
      note(lookup, "card", words("trace.card.late"));
      lookup.later(() => result.card);
    }
    return ownerOutcome(lookup, { ...result, card: card === "budget" ? undefined : card }, "crm");
  } catch (error) {
    return { next: true, why: words("routing.why.failed", { error: (error as Error).message }) };
  } finally {
    clearTimeout(timer);
  }
}

async function byLastEmployee(lookup: Lookup): Promise<Outcome> {
  const call = await lastTalkedEmployee(lookup.projectId, lookup.phone);
  if (!call) return { next: true, why: words("routing.why.noHistory") };
  note(lookup, "history", words("trace.history", { callId: call.externalId, who: call.employee.sip ?? call.employee.email ?? "" }));
  const employee = employeeOfCall(lookup.config.employees, call.employee);
  if (!employee) return { next: true, why: words("routing.why.historyNotEmployee", { who: call.employee.sip ?? call.employee.email ?? "", callId: call.externalId }) };
  return { employee, crmUserId: employee.crmUserId || null, matched: { entity: "call", id: call.externalId }, why: words("routing.why.talkedLast", { name: employee.name, callId: call.externalId }) };
}

function withFallback(config: IntegrationConfig, outcome: Outcome, trace: TraceEntry[]): Outcome {
  if (!("next" in outcome) || !config.routing.fallbackEmployeeId) return outcome;
  const fallback = config.employees.find((employee) => employee.id === config.routing.fallbackEmployeeId);
  if (!fallback) return outcome;
  note({ trace }, "fallback", words("trace.fallback", { why: outcome.why, name: fallback.name }));
  return { employee: fallback, crmUserId: fallback.crmUserId || null, matched: null, why: words("routing.why.fallback", { why: outcome.why }), ...(outcome.caller ? { caller: outcome.caller } : {}) };
}

export async function responsibleManager(input: IngestInput, later: Later): Promise<RoutingResponse> {
  const started = performance.now();
  const { project, body } = await authenticateWebhook(input);
  const parsed = responsibleManagerRequestSchema.safeParse(body);
  if (!parsed.success) throw new AppError("VALIDATION", parsed.error.issues[0]?.message ?? "The request does not match its schema.", parsed.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message })));
  const config = await loadConfigForWebhooks(project.id);
  const trace: TraceEntry[] = [];
  const phone = normalisePhone(parsed.data.callerNumber, project.defaultCountry)?.e164 ?? null;
  let outcome: Outcome;
  if (!config.routing.enabled) outcome = { next: true, why: words("routing.why.off") };
  else if (!phone) outcome = { next: true, why: words("routing.why.notPhone", { number: parsed.data.callerNumber }) };
  else {
    const lookup: Lookup = { projectId: project.id, phone, country: project.defaultCountry, config, trace, later, deadline: started + config.routing.timeoutMs - ANSWER_MARGIN_MS };
    outcome = withFallback(config, config.routing.mode === "last_employee" ? await byLastEmployee(lookup) : await byCrmOwner(lookup), trace);
  }
  note({ trace }, "answer", "next" in outcome ? words("trace.answer.next", { why: outcome.why }) : words("trace.answer.employee", { name: outcome.employee.name, why: outcome.why }), !("next" in outcome));
  const response: RoutingResponse =
    "next" in outcome
      ? { status: 404, body: { next: true, ...(outcome.caller ? { caller: outcome.caller } : {}) } }
      : { status: 200, body: { employee: { sip: outcome.employee.sip, email: outcome.employee.email, name: outcome.employee.name }, crmUserId: outcome.crmUserId, matched: outcome.matched, ...(outcome.caller ? { caller: outcome.caller } : {}) } };
  const tookMs = Math.round(performance.now() - started);
  const reason = words("routing.answer", { who: "next" in outcome ? words("routing.answer.next") : outcome.employee.name, ms: tookMs, why: outcome.why });
  // Every lookup is kept like an event, so the Events page shows what was searched and why this answer.
  const now = new Date();
  later(() =>
    storeEvent({
      projectId: project.id,
      externalId: `lookup-${crypto.randomUUID()}`,
      type: "lookup",
      // The reason is stored in English (the API, logs, the Overview's counts); its words go with the
      // payload, so the Events page says it in each admin's language.
      payload: { callerNumber: parsed.data.callerNumber, mode: config.routing.mode, answer: response.body, reasonWords: reason },
      status: response.status === 200 ? "delivered" : "skipped",
      reason: inEnglish(reason),
      occurredAt: now,
      deliveredAt: response.status === 200 ? now : null,
      clientPhone: phone,
      clientKey: null,
      trace,
    }),
  );
  return response;
}
