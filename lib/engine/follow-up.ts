// F19: a recording or summary of a call reaches the CRM once the call's log is there. Until then it waits,
// settled on its event row (its job done, so the client's queue goes on: the call's own phases come after
// it on that queue); the delivery that writes the call log hands it back (releaseFollowUps).
import { findLiveCall } from "@/lib/db/queries/live-calls";
import type { FollowUpEvent } from "@/lib/validation/platform-event";
import type { CrmLanguage } from "@/lib/i18n/crm-languages";
import type { Plan } from "./decide";
import type { DeliverContext } from "./deliver";
import { executePlan } from "./execute";
import { followUpPlan } from "./follow-up-plan";
import { note } from "./trace";
import { words } from "@/lib/i18n/words";

const NO_CLIENT_KEYS = { phone: null, email: null, clientId: null };

/** The plan written, or "waiting" when the call has no log in this CRM connection yet. */
export async function deliverFollowUp(context: DeliverContext, event: FollowUpEvent): Promise<Plan | "waiting"> {
  const call = await findLiveCall({ projectId: context.project.id, callId: event.callId, connection: context.connection });
  if (!call?.callLogId) {
    note(context, "wait", words(`trace.wait.${event.type}`, { callId: event.callId }));
    return "waiting";
  }
  const plan = followUpPlan(event, context.config, call);
  const { project, crm, connector, connection, eventId, trace } = context;
  await executePlan({ projectId: project.id, crm, connector, keys: NO_CLIENT_KEYS, eventId, connection, trace, callLogId: call.callLogId, language: project.crmLanguage as CrmLanguage }, event, plan);
  return plan;
}

/** Whether the call's log is in the CRM by now (a follow-up that just settled to wait re-checks). */
export async function callLogWritten(context: Pick<DeliverContext, "project" | "connection">, callId: string): Promise<boolean> {
  return Boolean((await findLiveCall({ projectId: context.project.id, callId, connection: context.connection }))?.callLogId);
}
