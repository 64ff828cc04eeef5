// Runs a plan through the connector, in order, resolving links to entities created earlier in the plan.
// Every operation is traced; a retry skips the steps an earlier attempt completed (their ids are in the
// trace), so a failure halfway never creates the same entity twice.
import type { CrmConnector, CrmKind, EntityInput, EntityKind, EntityLinks } from "@/lib/connectors/types";
import type { PlatformEvent } from "@/lib/events/schemas";
import type { Link, Plan, PlanLinks, PlanValues, Step } from "./decide";
import type { ClientKeys } from "./event-values";
import { rememberFound } from "./find";
import type { TraceEntry } from "./trace";

interface ExecuteContext {
  projectId: string;
  crm: CrmKind;
  connector: CrmConnector;
  keys: ClientKeys;
  /** Entries of earlier attempts of this event. */
  previous: TraceEntry[];
  trace: TraceEntry[];
}

/** The identity of a step across attempts. */
function stepKey(step: Step): string {
  switch (step.op) {
    case "create":
      return `create:${step.entity}`;
    case "update":
      return `update:${step.entity}:${step.id}`;
    default:
      return step.op;
  }
}

function describe(step: Step): string {
  switch (step.op) {
    case "create":
      return `create ${step.entity}`;
    case "update":
      return `update ${step.entity} ${step.id}`;
    case "task":
      return `task "${step.subject}"`;
    case "callLog":
      return `call log "${step.subject}"`;
    case "recording":
      return `recording ${step.url}`;
  }
}

export async function executePlan(context: ExecuteContext, event: PlatformEvent, plan: Plan): Promise<void> {
  const created = new Map<EntityKind, string>();
  let callLogId: string | undefined;
  const resolve = (link: Link | undefined) => (link ? ("id" in link ? link.id : created.get(link.ref)) : undefined);
  const links = (planLinks: PlanLinks): EntityLinks => ({
    contactId: resolve(planLinks.contact),
    organizationId: resolve(planLinks.organization),
    dealId: resolve(planLinks.deal),
    leadId: resolve(planLinks.lead),
  });
  const input = (values: PlanValues): EntityInput => ({
    name: values.name,
    phones: values.phones,
    emails: values.emails,
    ownerId: values.ownerId,
    organizationId: resolve(values.organization),
    contactId: resolve(values.contact),
    pipelineId: values.pipelineId,
    stageId: values.stageId,
    fields: values.fields,
  });

  for (const step of plan.steps) {
    const key = stepKey(step);
    const done = context.previous.find((entry) => entry.step === key && entry.ok);
    if (done) {
      if (step.op === "create" && done.id) created.set(step.entity, done.id);
      if (step.op === "callLog") callLogId = done.id;
      context.trace.push({ ...done, detail: `${done.detail} (done in an earlier attempt)` });
      continue;
    }
    const entry: TraceEntry = { op: step.op, detail: describe(step), ok: false, step: key, at: new Date().toISOString() };
    try {
      switch (step.op) {
        case "create": {
          const { id } = await context.connector.create(step.entity, input(step.values));
          created.set(step.entity, id);
          entry.id = id;
          // The link cache is written at once: a quick repeat call must not create the same contact again.
          if (step.entity !== "organization") await rememberFound(context, context.keys, { [step.entity]: { id } });
          break;
        }
        case "update":
          await context.connector.update(step.entity, step.id, input(step.values));
          entry.id = step.id;
          break;
        case "task":
          entry.id = (await context.connector.createTask({ subject: step.subject, dueDate: step.dueDate, ownerId: step.ownerId, links: links(step.links) })).id;
          break;
        case "callLog": {
          if (event.type !== "call") break;
          const started = new Date(event.startedAt);
          const duration = event.durationSec ?? (event.endedAt ? Math.max(0, Math.round((new Date(event.endedAt).getTime() - started.getTime()) / 1000)) : 0);
          const [from, to] = [event.caller, event.callee];
          callLogId = (await context.connector.logCall({ direction: event.direction, status: event.status, fromNumber: from, toNumber: to, startedAt: started, durationSec: duration, subject: step.subject, ownerId: step.ownerId, links: links(step.links) })).id;
          entry.id = callLogId;
          break;
        }
        case "recording":
          if (!callLogId) throw new Error("no call log to attach the recording to");
          await context.connector.attachRecording(callLogId, { kind: "link", url: step.url });
          entry.id = callLogId;
          break;
      }
      entry.ok = true;
    } catch (error) {
      entry.error = (error as Error).message;
      throw error;
    } finally {
      context.trace.push(entry);
    }
  }
}
