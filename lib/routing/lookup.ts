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
import { note, type TraceEntry } from "@/lib/engine/trace";
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

type Outcome = ({ employee: Employee; crmUserId: string | null; matched: { entity: string; id: string } | null; why: string } | { next: true; why: string }) & { caller?: CallerCard };

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
    note(lookup, "card", `no caller card: ${(error as Error).message}`, false);
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
  // The card cached before stays until this lookup's own is ready (a failed card keeps the last good one).
  await rememberOwner(lookup.projectId, crm.crm, lookup.phone, owner);
  if (found.entity === "contact") await saveLinks(lookup.projectId, crm.crm, [{ kind: "contact", key: `phone:${lookup.phone}`, entityId: found.id }]);
  const kept = card.then(async (made) => {
    // A card that cannot be cached is still answered; the next lookup makes it again.
    if (made) await rememberOwner(lookup.projectId, crm.crm, lookup.phone, { ...owner, card: made }).catch(() => undefined);
    return made;
  });
  return { ...found, ownerEmail, card: kept };
}

function ownerOutcome(lookup: Lookup, found: { entity: string; id: string; ownerId: string | null; ownerEmail: string; card?: CallerCard }, source: string): Outcome {
  const caller = found.card ? { caller: found.card } : {};
  if (!found.ownerId) return { next: true, why: `${found.entity} ${found.id} (${source}) has no owner`, ...caller };
  const match = employeeForOwner(lookup.config.employees, found.ownerId, found.ownerEmail);
  if (!match) return { next: true, why: `owner ${found.ownerId} <${found.ownerEmail || "unknown e-mail"}> of ${found.entity} ${found.id} (${source}) is not one of the project's employees`, ...caller };
  note(lookup, "match", `owner ${found.ownerId} → ${match.employee.name} (${match.by === "override" ? "manual override" : "CRM e-mail"})`);
  return { employee: match.employee, crmUserId: found.ownerId, matched: { entity: found.entity, id: found.id }, why: `${found.entity} ${found.id} (${source}) is owned by ${match.employee.name}`, ...caller };
}

/** Which CRM the project uses, kept for a few seconds: a warm lookup needs nothing else from it. */
const integrations = ttlCache<{ crm: CrmKind; status: string } | null>("routing-integrations", 5_000);
const integrationOf = (projectId: string) => integrations.get(projectId, () => findIntegrationSummary(projectId).then((found) => found && { crm: found.crm, status: found.status }));

async function byCrmOwner(lookup: Lookup): Promise<Outcome> {
  const integration = await integrationOf(lookup.projectId);
  if (!integration) return { next: true, why: "no CRM is connected" };
  const cached = await cachedOwner(lookup.projectId, integration.crm, lookup.phone);
  if (cached && lookup.config.routing.order.includes(cached.entityKind as RoutingEntity)) {
    const age = Date.now() - cached.checkedAt.getTime();
    note(lookup, "cache", `${cached.entityKind} ${cached.entityId}, owner ${cached.ownerId}, checked ${Math.round(age / 1000)} s ago`);
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
  if (integration.status === "broken") return { next: true, why: "the CRM refused our credentials (the integration is broken)" };
  const connection = await projectConnector(lookup.projectId);
  if (!connection) return { next: true, why: "no CRM is connected" };
  const searching = lookUpAndRemember(lookup, connection);
  let timer: NodeJS.Timeout | undefined;
  const budget = new Promise<"budget">((resolve) => (timer = setTimeout(() => resolve("budget"), Math.max(0, lookup.deadline - performance.now()))));
  try {
    const result = await Promise.race([searching, budget]);
    if (result === "budget") {
      // Let the search finish in the background: it fills the cache for the caller's next call.
      lookup.later(() => searching.catch(() => undefined));
      return { next: true, why: `the CRM did not answer within the ${lookup.config.routing.timeoutMs} ms budget` };
    }
    if (!result) return { next: true, why: `no open ${lookup.config.routing.order.join(", ")} holds this number` };
    // The owner is known: the card joins the answer if it is ready within what is left of the budget.
    const card = await Promise.race([result.card, budget]);
    if (card === "budget") {
      note(lookup, "card", "the caller card was not ready within the budget: answered without it");
      lookup.later(() => result.card);
    }
    return ownerOutcome(lookup, { ...result, card: card === "budget" ? undefined : card }, "CRM");
  } catch (error) {
    return { next: true, why: `the CRM lookup failed: ${(error as Error).message}` };
  } finally {
    clearTimeout(timer);
  }
}

async function byLastEmployee(lookup: Lookup): Promise<Outcome> {
  const call = await lastTalkedEmployee(lookup.projectId, lookup.phone);
  if (!call) return { next: true, why: "no answered call from this number is stored" };
  note(lookup, "history", `last answered call ${call.externalId}: ${call.employee.sip ?? call.employee.email}`);
  const employee = employeeOfCall(lookup.config.employees, call.employee);
  if (!employee) return { next: true, why: `${call.employee.sip ?? call.employee.email} of call ${call.externalId} is not one of the project's employees` };
  return { employee, crmUserId: employee.crmUserId || null, matched: { entity: "call", id: call.externalId }, why: `${employee.name} talked to this caller last (call ${call.externalId})` };
}

function withFallback(config: IntegrationConfig, outcome: Outcome, trace: TraceEntry[]): Outcome {
  if (!("next" in outcome) || !config.routing.fallbackEmployeeId) return outcome;
  const fallback = config.employees.find((employee) => employee.id === config.routing.fallbackEmployeeId);
  if (!fallback) return outcome;
  note({ trace }, "fallback", `${outcome.why}: the fallback manager ${fallback.name} takes the call`);
  return { employee: fallback, crmUserId: fallback.crmUserId || null, matched: null, why: `fallback manager (${outcome.why})`, ...(outcome.caller ? { caller: outcome.caller } : {}) };
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
  if (!config.routing.enabled) outcome = { next: true, why: "routing is switched off for this project" };
  else if (!phone) outcome = { next: true, why: `"${parsed.data.callerNumber}" is not a phone number` };
  else {
    const lookup: Lookup = { projectId: project.id, phone, country: project.defaultCountry, config, trace, later, deadline: started + config.routing.timeoutMs - ANSWER_MARGIN_MS };
    outcome = withFallback(config, config.routing.mode === "last_employee" ? await byLastEmployee(lookup) : await byCrmOwner(lookup), trace);
  }
  note({ trace }, "answer", "next" in outcome ? `next block: ${outcome.why}` : `${outcome.employee.name}: ${outcome.why}`, !("next" in outcome));
  const response: RoutingResponse =
    "next" in outcome
      ? { status: 404, body: { next: true, ...(outcome.caller ? { caller: outcome.caller } : {}) } }
      : { status: 200, body: { employee: { sip: outcome.employee.sip, email: outcome.employee.email, name: outcome.employee.name }, crmUserId: outcome.crmUserId, matched: outcome.matched, ...(outcome.caller ? { caller: outcome.caller } : {}) } };
  const tookMs = Math.round(performance.now() - started);
  // Every lookup is kept like an event, so the Events page shows what was searched and why this answer.
  const now = new Date();
  later(() =>
    storeEvent({
      projectId: project.id,
      externalId: `lookup-${crypto.randomUUID()}`,
      type: "lookup",
      payload: { callerNumber: parsed.data.callerNumber, mode: config.routing.mode, answer: response.body },
      status: response.status === 200 ? "delivered" : "skipped",
      reason: `${"next" in outcome ? "next" : outcome.employee.name} in ${tookMs} ms: ${outcome.why}`,
      occurredAt: now,
      deliveredAt: response.status === 200 ? now : null,
      clientPhone: phone,
      clientKey: null,
      trace,
    }),
  );
  return response;
}
