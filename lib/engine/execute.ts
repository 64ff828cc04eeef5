// Runs a plan through the connector, in order, resolving links to entities created earlier in the plan.
// Every CRM write is journalled before it is sent and after it answered (lib/db/queries/journal.ts):
// a retry skips what an earlier attempt completed, and for a write whose answer never came (lost on the
// way, or the worker died) it first looks in the CRM for what that write may have created. Tasks and call
// logs carry the event's reference in their note for that, since they have no natural key.
import type { TaskRule } from "@/lib/validation/vocabulary";
import type { CrmConnector, CrmKind, EntityInput, EntityKind, EntityLinks } from "@/lib/connectors/types";
import { readJournal, writeJournal } from "@/lib/db/queries/journal";
import type { PlatformEvent } from "@/lib/validation/platform-event";
import type { Link, Plan, PlanLinks, PlanValues, Step } from "./decide";
import { composeCallNote } from "./call-note";
import type { CrmLanguage } from "@/lib/i18n/crm-languages";
import type { ClientKeys } from "@/lib/events/event-values";
import { rememberFound } from "./find";
import { rememberUtmWritten } from "./first-touch-memory";
import { kindWords, type TraceEntry } from "./trace";
import { inEnglish, words, type Words } from "@/lib/i18n/words";

interface ExecuteContext {
  projectId: string;
  crm: CrmKind;
  connector: CrmConnector;
  keys: ClientKeys;
  /** Our id of the event: the journal's key and the reference written into tasks and call logs. */
  eventId: string;
  /** The CRM connection the journal belongs to (a journal of another connection is never reused). */
  connection: string;
  trace: TraceEntry[];
  /** F19: the call log a recording or summary of an ended call goes to (written by the call's own delivery). */
  callLogId?: string;
  /** The language of the words Callbridge writes into the CRM (a summary note's headings). */
  language?: CrmLanguage;
}

/** What a task or call log says about the delivery that wrote it. */
export const deliveryReference = (eventId: string) => `Callbridge event ${eventId}`;

/** The identity of a step across attempts. */
function stepKey(step: Step): string {
  switch (step.op) {
    case "create":
      return `create:${step.entity}`;
    case "update":
      return `update:${step.entity}:${step.id}`;
    case "task":
      // A plan may hold a task of a rule beside the matrix's own (F23): each its own journal step. The
      // matrix's task (a missed call's, or a follow-up) keeps the key it always had.
      return step.rule && step.rule !== "missed" ? `task:${step.rule}` : "task";
    default:
      return step.op;
  }
}

function describe(step: Step): Words {
  switch (step.op) {
    case "create":
      return words("trace.step.create", { kind: kindWords(step.entity) });
    case "update":
      return words("trace.step.update", { kind: kindWords(step.entity), id: step.id });
    case "task":
      return words("trace.step.task", { subject: step.subject });
    case "callLog":
      return words("trace.step.callLog", { subject: step.subject });
    case "recording":
      return words("trace.step.recording", { url: step.url });
    case "callNote":
      return words("trace.step.callNote");
  }
}

/** The step's trace line said again with more to it (`key` takes the line as {step}). */
function sayMore(entry: TraceEntry, key: "trace.step.fitted" | "trace.step.earlier" | "trace.step.filedUnder", values: Record<string, string> = {}) {
  entry.words = words(key, { step: entry.words!, ...values });
  entry.detail = inEnglish(entry.words);
}

/** Values cut to the CRM's field lengths are named in the step's trace line. */
function noteFitted(entry: TraceEntry, fitted: string[] | undefined) {
  if (fitted?.length) sayMore(entry, "trace.step.fitted", { fields: fitted.join("; ") });
}

/** What the plan wrote: created entities by kind and the call log (a live call remembers them, call-state.ts). */
export interface Executed {
  created: Map<EntityKind, string>;
  callLogId: string | undefined;
  /** Tasks of task rules written (or found written) by this plan (F23: one open task per client and rule). */
  ruleTasks: Array<{ rule: TaskRule; id: string }>;
}

export async function executePlan(context: ExecuteContext, event: PlatformEvent, plan: Plan): Promise<Executed> {
  const created = new Map<EntityKind, string>();
  let callLogId = context.callLogId;
  const ruleTasks: Executed["ruleTasks"] = [];
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

  const journal = await readJournal(context.eventId, context.connection);
  const reference = deliveryReference(context.eventId);

  /** A write whose answer never came: what the CRM holds from it, if anything. */
  const lookBack = async (step: Step): Promise<string | null> => {
    switch (step.op) {
      case "task":
      case "callLog":
        return (await context.connector.findWritten(step.op, { subject: step.subject, reference, links: links(step.links) }))?.id ?? null;
      case "recording":
        return callLogId && (await context.connector.hasRecording(callLogId)) ? callLogId : null;
      case "callNote":
        return callLogId ? ((await context.connector.findCallNote({ callLogId, links: links(step.links), reference }))?.id ?? null) : null;
      default:
        // Entities are found by the search that precedes every plan; an update can simply be sent again.
        return null;
    }
  };

  for (const step of plan.steps) {
    const key = stepKey(step);
    const said = describe(step);
    const entry: TraceEntry = { op: step.op, detail: inEnglish(said), words: said, ok: false, step: key, at: new Date().toISOString() };
    const known = journal.get(key);
    const earlier = known?.state === "done" ? known.crmId : known?.state === "sending" ? await lookBack(step) : null;
    if (earlier !== null && earlier !== undefined) {
      if (step.op === "create") created.set(step.entity, earlier);
      if (step.op === "callLog") callLogId = earlier;
      if (step.op === "task" && step.rule) ruleTasks.push({ rule: step.rule, id: earlier });
      if (known!.state === "sending") await writeJournal(context.eventId, key, context.connection, { state: "done", crmId: earlier });
      sayMore(entry, "trace.step.earlier");
      context.trace.push({ ...entry, ok: true, id: earlier });
      continue;
    }
    try {
      await writeJournal(context.eventId, key, context.connection, { state: "sending", crmId: null });
      switch (step.op) {
        case "create": {
          const { id, fitted } = await context.connector.create(step.entity, input(step.values));
          created.set(step.entity, id);
          entry.id = id;
          noteFitted(entry, fitted);
          // The link cache is written at once: a quick repeat call must not create the same contact again.
          if (step.entity !== "organization") await rememberFound(context, context.keys, { [step.entity]: { id } });
          // Before the journal says done: a retry that finds the step done must find its first touch stored.
          if (step.utmWritten) await rememberUtmWritten(context, step.entity, id, step.utmWritten);
          break;
        }
        case "update":
          const { fitted } = await context.connector.update(step.entity, step.id, input(step.values));
          entry.id = step.id;
          noteFitted(entry, fitted);
          if (step.utmWritten) await rememberUtmWritten(context, step.entity, step.id, step.utmWritten);
          break;
        case "task": {
          const task = await context.connector.createTask({ subject: step.subject, dueDate: step.dueDate, dueAt: step.dueAt, ownerId: step.ownerId, reference, links: links(step.links) });
          entry.id = task.id;
          if (step.rule) ruleTasks.push({ rule: step.rule, id: task.id });
          noteFitted(entry, task.fitted);
          break;
        }
        case "callLog": {
          if (event.type !== "call") break;
          const started = new Date(event.startedAt);
          const duration = event.durationSec ?? (event.endedAt ? Math.max(0, Math.round((new Date(event.endedAt).getTime() - started.getTime()) / 1000)) : 0);
          const [from, to] = [event.caller, event.callee];
          // Only the completed phase logs a call (decide), and a completed call has its outcome (schemas).
          const written = await context.connector.logCall({ direction: event.direction, status: event.status ?? "answered", fromNumber: from, toNumber: to, startedAt: started, durationSec: duration, subject: step.subject, reference, ownerId: step.ownerId, links: links(step.links) });
          callLogId = written.id;
          entry.id = callLogId;
          // The CRM made us file it under another user (a non-admin Pipedrive token): the trace says so.
          if (written.filedUnder) sayMore(entry, "trace.step.filedUnder", { userId: written.filedUnder.userId, reason: written.filedUnder.reason });
          break;
        }
        case "recording":
          if (!callLogId) throw new Error("no call log to attach the recording to");
          await context.connector.attachRecording(callLogId, { kind: "link", url: step.url });
          entry.id = callLogId;
          break;
        case "callNote": {
          if (!callLogId) throw new Error("no call log to write the summary beside");
          const note = step.note;
          const written = await context.connector.writeCallNote({ callLogId, links: links(step.links), reference, compose: (room) => composeCallNote(note, reference, room, context.language) });
          entry.id = written.id;
          break;
        }
      }
      await writeJournal(context.eventId, key, context.connection, { state: "done", crmId: entry.id ?? null });
      entry.ok = true;
    } catch (error) {
      entry.error = (error as Error).message;
      throw error;
    } finally {
      context.trace.push(entry);
    }
  }
  return { created, callLogId, ruleTasks };
}
