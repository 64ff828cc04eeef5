// One event into the CRM: find → decide → execute, with the phases of a live call (F19) kept in step:
// each phase reads what the call's earlier phases did, applies the row phases.ts gives it, and records
// what it wrote, so a phase that arrives late or twice never creates an entity again.
import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import type { CrmMetadata } from "@/lib/config/crm-checks";
import type { CrmConnector, CrmKind, CrmRecord } from "@/lib/connectors/types";
import { findLiveCall, recordLivePhase } from "@/lib/db/queries/live-calls";
import { releaseFollowUps } from "@/lib/db/queries/follow-ups";
import { callIdOf, isFollowUp, phaseOf, type CallEvent, type PlatformEvent } from "@/lib/validation/platform-event";
import type { IntegrationConfig, MatrixRow } from "@/lib/validation/config";
import type { CrmLanguage } from "@/lib/i18n/crm-languages";
import { decide, triggerOf, type Found, type Plan } from "./decide";
import { rulesThatMayFire } from "./task-rules";
import { executePlan } from "./execute";
import { clientKeyOf } from "@/lib/events/event-values";
import { findExisting } from "./find";
import { openRuleTasks, rememberRuleTasks } from "./open-tasks";
import { deliverFollowUp } from "./follow-up";
import { loadUtmWritten } from "./first-touch-memory";
import { linkable } from "./link-check";
import type { CallState } from "@/lib/db/queries/live-calls";
import { decidePhase, NO_CALL_STATE, phaseTrigger } from "./phases";
import { kindWords, note, traced, type TraceEntry } from "./trace";
import { words } from "@/lib/i18n/words";

export interface DeliverContext {
  project: { id: string; defaultCountry: string; timezone: string; crmLanguage: string };
  crm: CrmKind;
  connector: CrmConnector;
  /** The CRM connection (integration, CRM, account): journals and call states of another one are not reused. */
  connection: string;
  config: IntegrationConfig;
  metadata: () => Promise<CrmMetadata | null>;
  /** Our id of the event. */
  eventId: string;
  trace: TraceEntry[];
}

type Kind = keyof CallState["entities"];
const KINDS: Kind[] = ["contact", "organization", "deal", "lead"];

/**
 * What the call's earlier phases wrote fills what the search did not find (an organization is not in the
 * link cache; a search may miss a record created a second ago). Read back and checked like a link.
 */
async function withCallEntities(context: DeliverContext, found: Found, state: CallState, row: MatrixRow): Promise<Found> {
  const filled = { ...found };
  for (const kind of KINDS) {
    const id = state.entities[kind];
    if (!id || filled[kind] || row[kind] === "none") continue;
    const record: CrmRecord | null = await traced(context, "get", words("trace.get.earlierPhase", { kind: kindWords(kind), id }), () => context.connector.get(kind, id));
    if (record && linkable(record) && (kind !== "deal" || record.open)) filled[kind] = record;
  }
  return filled;
}

/** The plan written; "waiting" for a recording or summary whose call has no log in the CRM yet (follow-up.ts). */
export async function deliverToCrm(context: DeliverContext, event: PlatformEvent): Promise<Plan | "waiting"> {
  if (isFollowUp(event)) return deliverFollowUp(context, event);
  const { project, config } = context;
  const call = event.type === "call" ? { key: { projectId: project.id, callId: callIdOf(event), connection: context.connection }, event: event as CallEvent } : null;
  const state = call ? ((await findLiveCall(call.key)) ?? NO_CALL_STATE) : NO_CALL_STATE;
  const decision = call ? decidePhase(call.event, config.matrix, state) : null;
  if (call && decision && !decision.apply) {
    note(context, "phase", decision.why);
    await recordLivePhase(call.key, phaseOf(call.event), { entities: {} });
    return { trigger: phaseTrigger(call.event), steps: [], notes: [decision.why] };
  }
  // A call sent without phases (its own call id) needs no word about them.
  if (call && decision?.apply && (callIdOf(call.event) !== call.event.id || phaseOf(call.event) !== "completed")) note(context, "phase", decision.why);
  const row = decision?.apply ? decision.row : undefined;
  const metadata = await context.metadata();
  const find = { projectId: project.id, crm: context.crm, connector: context.connector, country: project.defaultCountry, trace: context.trace };
  const { found: searched, keys } = await findExisting(find, event, config, { row, pipelineOrder: metadata?.pipelines.map((pipeline) => pipeline.id) });
  const found = call && row ? await withCallEntities(context, searched, state, row) : searched;
  // First touch (F8): what Callbridge wrote into the found records' UTM fields, and from which event's time.
  const utmWritten = await loadUtmWritten(find, found);
  // F23: rules' tasks are written by the event's last phase only; an earlier one still open holds a new one back.
  const final = decision ? decision.apply && decision.final : true;
  const clientKey = clientKeyOf(event, keys);
  const client = clientKey ? { projectId: project.id, connection: context.connection, clientKey } : null;
  // Task rules are about calls: forms and chats need no check (a CRM read per earlier rule task).
  const taskRow = row ?? config.matrix.find((candidate) => candidate.trigger === triggerOf(event));
  const mayFire = final && client && taskRow && config.taskRules.onePerClient ? rulesThatMayFire(event, taskRow, config.taskRules) : [];
  const openTasks = client && mayFire.length ? await openRuleTasks(context, client) : undefined;
  const plan = decide({
    event,
    config,
    found,
    utmWritten,
    pipelines: metadata?.pipelines ?? [],
    crmUsers: metadata?.users ?? [],
    defaultCountry: project.defaultCountry,
    language: project.crmLanguage as CrmLanguage,
    today: format(new TZDate(Date.now(), project.timezone), "yyyy-MM-dd"),
    phase: decision?.apply ? { row: decision.row, final: decision.final } : undefined,
    clock: { now: new Date(), timeZone: project.timezone },
    openTasks,
  });
  const executed = await executePlan({ ...find, keys, eventId: context.eventId, connection: context.connection }, event, plan);
  if (client && executed.ruleTasks.length) await rememberRuleTasks(client, executed.ruleTasks);
  if (call) {
    const entities = Object.fromEntries(KINDS.map((kind) => [kind, executed.created.get(kind) ?? found[kind]?.id]).filter(([, id]) => id)) as CallState["entities"];
    await recordLivePhase(call.key, phaseOf(call.event), { entities, callLogId: executed.callLogId });
    // The call's recordings and summaries that came before its log go on now, after this event, on its client's
    // queue. Also on a retry that finds the log written before: the hand-back may be what failed (it claims
    // only what still waits, so a second one hands back nothing twice).
    if (executed.callLogId) await releaseFollowUps(project.id, call.key.callId);
  }
  return plan;
}
