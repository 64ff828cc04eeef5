// F19: what a recording or summary of a call writes, once the call's log is in the CRM. Pure: the event,
// the mapping tabs and what the call's phases wrote (call-state) give the plan.
import type { FollowUpEvent } from "@/lib/validation/platform-event";
import type { IntegrationConfig } from "@/lib/validation/config";
import type { Plan, PlanLinks, Step } from "./decide";
import type { CallState } from "@/lib/db/queries/live-calls";

/** The variables a summary carries, as the call's mapping tabs name them. */
export const SUMMARY_VARIABLES = ["summary", "sentiment", "tags"] as const;

function summaryValues(event: Extract<FollowUpEvent, { type: "summary" }>): Record<string, string> {
  return { summary: event.summary, ...(event.sentiment ? { sentiment: event.sentiment } : {}), ...(event.tags?.length ? { tags: event.tags.join(", ") } : {}) };
}

/**
 * A recording: attached to the call log, as the call's own would have been. A summary: a note beside the
 * call log, and the rows of the call's mapping tabs that send summary, sentiment or tags into fields of
 * the call's deal, contact, lead or organization.
 */
export function followUpPlan(event: FollowUpEvent, config: IntegrationConfig, call: CallState): Plan {
  const links: PlanLinks = Object.fromEntries(Object.entries(call.entities).map(([kind, id]) => [kind, { id }]));
  if (event.type === "recording") return { trigger: "recording", steps: [{ op: "recording", url: event.recordingUrl }], notes: [] };
  const values = summaryValues(event);
  const steps: Step[] = [{ op: "callNote", note: { summary: event.summary, transcript: event.transcript, sentiment: event.sentiment, tags: event.tags }, links }];
  for (const entity of ["organization", "contact", "deal", "lead"] as const) {
    const id = call.entities[entity];
    if (!id) continue;
    const fields: Record<string, string> = {};
    for (const row of config.mappings.call[entity]) {
      const name = row.source.type === "variable" ? row.source.name : null;
      if (name && name in values) fields[row.field] = values[name]!;
    }
    if (Object.keys(fields).length) steps.push({ op: "update", entity, id, values: { fields } });
  }
  return { trigger: "summary", steps, notes: [] };
}
