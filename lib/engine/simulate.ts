// F15's dry run: what the engine would do with a sample event, computed with the same find and decide
// code as a delivery. It reads the CRM (searches) but writes nothing, to the CRM or to our database.
import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import { crmMetadata } from "@/lib/config/metadata";
import { loadConfig } from "@/lib/config/service";
import { stopListed } from "@/lib/stop-list/match";
import { AppError, isCrmError } from "@/lib/errors";
import { callIdOf, isFollowUp, parseEvent } from "@/lib/validation/platform-event";
import { projectConnector } from "@/lib/integrations/connect";
import type { CrmLanguage } from "@/lib/i18n/crm-languages";
import { findLiveCall } from "@/lib/db/queries/live-calls";
import { decide, type Plan } from "./decide";
import { findExisting } from "./find";
import { loadUtmWritten } from "./first-touch-memory";
import { followUpPlan } from "./follow-up-plan";
import { decidePhase, NO_CALL_STATE } from "./phases";
import type { TraceEntry } from "./trace";
import { inEnglish, words } from "@/lib/i18n/words";

export interface Simulation {
  skipped: string | null;
  plan: Plan | null;
  found: Record<"contact" | "organization" | "deal" | "lead", string | null>;
  reads: TraceEntry[];
  /** The CRM's names of the pipelines, stages and users the plan names by id. */
  names: Record<string, string>;
  /** F19, a call: what its phase writes, given the matrix's "when" and the call's phases delivered so far. */
  phase: string | null;
}

export async function simulateEvent(project: { id: string; defaultCountry: string; timezone: string; crmLanguage?: string }, raw: unknown): Promise<Simulation> {
  const parsed = parseEvent(raw);
  if (!parsed.ok) throw new AppError("VALIDATION", "error.simulate.schema", parsed.issues);
  const event = parsed.event;
  const config = await loadConfig(project.id);
  if (event.type === "call") {
    const listed = stopListed(event.line, config.stopList, project.defaultCountry);
    if (listed) return { skipped: `stop-list: ${listed.value}`, plan: null, found: { contact: null, organization: null, deal: null, lead: null }, reads: [], names: {}, phase: null };
  }
  const connection = await projectConnector(project.id);
  if (!connection) throw new AppError("CONFLICT", "error.simulate.noCrm");
  const reads: TraceEntry[] = [];
  const none = { contact: null, organization: null, deal: null, lead: null };
  // The same connection key as the worker's, so the dry run sees the phases this call already delivered.
  const liveCall = (callId: string) => findLiveCall({ projectId: project.id, callId, connection: `${connection.integrationId}:${connection.crm}:${connection.accountKey}` });
  if (isFollowUp(event)) {
    // F19: a recording or summary updates what its call wrote; before the call's log exists it waits.
    const call = await liveCall(event.callId);
    if (!call?.callLogId) return { skipped: null, plan: { trigger: event.type, steps: [], notes: [] }, found: none, reads, names: {}, phase: inEnglish(words(`trace.wait.${event.type}`, { callId: event.callId })) };
    const found = { ...none, ...Object.fromEntries(Object.entries(call.entities).map(([kind, id]) => [kind, id])) };
    return { skipped: null, plan: followUpPlan(event, config, call), found, reads, names: {}, phase: null };
  }
  const state = event.type === "call" ? ((await liveCall(callIdOf(event))) ?? NO_CALL_STATE) : null;
  const decision = event.type === "call" ? decidePhase(event, config.matrix, state!) : null;
  if (decision && !decision.apply) return { skipped: null, plan: { trigger: `call.${event.type === "call" ? event.direction : "incoming"}.answered`, steps: [], notes: [decision.why] }, found: none, reads, names: {}, phase: decision.why };
  const phase = decision?.apply ? { row: decision.row, final: decision.final } : undefined;
  try {
    const metadata = await crmMetadata(project.id);
    const { found } = await findExisting({ projectId: project.id, crm: connection.crm, connector: connection.connector, country: project.defaultCountry, trace: reads }, event, config, { remember: false, row: phase?.row, pipelineOrder: metadata?.pipelines.map((pipeline) => pipeline.id) });
    // Read, not written: the dry run shows the first-touch decision a delivery would make.
    const utmWritten = await loadUtmWritten({ projectId: project.id, crm: connection.crm }, found);
    const plan = decide({ event, config, found, utmWritten, pipelines: metadata?.pipelines ?? [], crmUsers: metadata?.users ?? [], defaultCountry: project.defaultCountry, language: project.crmLanguage as CrmLanguage | undefined, today: format(new TZDate(Date.now(), project.timezone), "yyyy-MM-dd"), phase, clock: { now: new Date(), timeZone: project.timezone } });
    const label = (record: { id: string; name: string } | null) => (record ? `${record.name} (${record.id})` : null);
    const names = Object.fromEntries([
      ...(metadata?.pipelines ?? []).flatMap((pipeline) => [[pipeline.id, pipeline.name] as const, ...pipeline.stages.map((stage) => [stage.id, stage.name] as const)]),
      ...(metadata?.users ?? []).map((user) => [user.id, user.name] as const),
    ]);
    return { skipped: null, plan, found: { contact: label(found.contact), organization: label(found.organization), deal: label(found.deal), lead: label(found.lead) }, reads, names, phase: decision?.why ?? null };
  } catch (error) {
    if (isCrmError(error)) throw new AppError("UNAVAILABLE", `The CRM did not answer: ${error.message}`);
    throw error;
  }
}
