// The sync engine's decision (PRODUCT.md F2–F8, F11, F14): from an event, the project's configuration and
// what the CRM already holds, the plan of CRM writes. Pure: no database, no network. The worker executes
// the plan through the connector, resolving `{ ref }` links to the ids of entities created earlier.
import type { CrmPipeline, CrmRecord, CrmUser, EntityKind } from "@/lib/connectors/types";
import type { Channel, MappedEntity, TaskRule, Trigger } from "@/lib/validation/vocabulary";
import { occurredAt, type ClientEvent } from "@/lib/validation/platform-event";
import type { IntegrationConfig, MappingRow, MatrixRow } from "@/lib/validation/config";
import type { CallNote } from "./call-note";
import type { CrmLanguage } from "@/lib/i18n/crm-languages";
import { crmTexts } from "./crm-texts";
import { decideUtm, type UtmWritten } from "./first-touch";
import { clientKeys, defaultRows, eventVariables, rawClientPhone } from "@/lib/events/event-values";
import { pickStage } from "./stage-rules";
import { decideTasks } from "./task-rules";

export type Link = { id: string } | { ref: EntityKind };

export type Step =
  | { op: "create"; entity: EntityKind; values: PlanValues; utmWritten?: UtmWritten }
  | { op: "update"; entity: EntityKind; id: string; values: PlanValues; utmWritten?: UtmWritten }
  /** `rule`: the task rule that made it (one open task per client and rule); `dueAt`: its due moment. */
  | { op: "task"; subject: string; dueDate: string; dueAt?: string; ownerId?: string; links: PlanLinks; rule?: TaskRule }
  | { op: "callLog"; subject: string; ownerId?: string; links: PlanLinks }
  | { op: "recording"; url: string }
  /** F19: a call's summary beside its call log (Zoho: its Description; Pipedrive: a note on its deal and person). */
  | { op: "callNote"; note: CallNote; links: PlanLinks };

export interface PlanValues {
  name?: string;
  phones?: string[];
  emails?: string[];
  ownerId?: string;
  organization?: Link;
  contact?: Link;
  pipelineId?: string;
  stageId?: string;
  fields: Record<string, string>;
}

export type PlanLinks = Partial<Record<"contact" | "organization" | "deal" | "lead", Link>>;

export interface Plan {
  /** The matrix row applied; a recording or summary updates the call's record and applies none. */
  trigger: Trigger | "recording" | "summary";
  steps: Step[];
  /** Why an entity the matrix asks for is left alone (converted lead, nothing to update …). */
  notes: string[];
}

export interface Found {
  contact: CrmRecord | null;
  organization: CrmRecord | null;
  /** An open deal of the found contact (deals are found through their contact, seed). */
  deal: CrmRecord | null;
  lead: CrmRecord | null;
}

export interface DecideInput {
  event: ClientEvent;
  config: IntegrationConfig;
  found: Found;
  pipelines: CrmPipeline[];
  crmUsers: CrmUser[];
  defaultCountry: string;
  /** YYYY-MM-DD in the project's time zone, for task due dates. */
  today: string;
  /** The language of the names and subjects Callbridge writes into the CRM (default English). */
  language?: CrmLanguage;
  /**
   * What Callbridge remembers writing into the found entities' UTM fields (first-touch-memory.ts), so an
   * earlier event that arrives late can replace a later one's tags (first touch). Without it, the seed's
   * "only when all empty" rule alone.
   */
  utmWritten?: Partial<Record<MappedEntity, UtmWritten | null>>;
  /**
   * F19: a phase of a live call (phases.ts) applies this row instead of the trigger's, and only the
   * completed phase (`final`) writes the task, the call log and the recording. Default: the trigger's row, final.
   */
  phase?: { row: MatrixRow; final: boolean };
  /** F23: now and the project's zone, for the task rules' due times (without them, tasks are due `today`). */
  clock?: { now: Date; timeZone: string };
  /** F23: rules whose earlier task for this client is still open in the CRM. */
  openTasks?: ReadonlySet<TaskRule>;
}

/** A call still ringing or in progress has no outcome yet: it is shown under its direction's answered row. */
export function triggerOf(event: ClientEvent): Trigger {
  return event.type === "call" ? `call.${event.direction}.${event.status ?? "answered"}` : event.type;
}

const channelOf = (event: ClientEvent): Channel => (event.type === "call" ? "call" : event.type);

/** The CRM user of an employee: the manual override, else the CRM user with the same e-mail (F14). */
export function crmUserOf(employee: { email?: string; sip?: string } | undefined, config: IntegrationConfig, users: CrmUser[]): string | undefined {
  if (!employee) return undefined;
  const known = config.employees.find((candidate) => (employee.sip && candidate.sip === employee.sip) || (employee.email && candidate.email === employee.email.toLowerCase()));
  if (known?.crmUserId) return known.crmUserId;
  const email = (known?.email ?? employee.email ?? "").toLowerCase();
  return email ? users.find((user) => user.email === email)?.id : undefined;
}

/** The values a mapping tab gives for this event; empty values are left out. */
function mapped(rows: MappingRow[], event: ClientEvent, variables: Record<string, string>): { fields: Record<string, string>; utmFields: string[] } {
  const fields: Record<string, string> = {};
  const utmFields: string[] = [];
  for (const row of rows) {
    let value: string | undefined;
    if (row.source.type === "variable") value = variables[row.source.name];
    else if (row.source.type === "constant") value = row.source.value;
    else if (event.type === "form") value = row.source.names.map((name) => event.fields[name]?.trim()).find(Boolean);
    if (row.source.type === "variable" && row.source.name.startsWith("utm.")) utmFields.push(row.field);
    if (value !== undefined && value !== "") fields[row.field] = value;
  }
  return { fields, utmFields };
}

/**
 * F8: UTM values go into an existing entity only when all its UTM fields are still empty, or when this event
 * is an earlier touch than the one whose tags Callbridge wrote there (first-touch.ts). The step carries what
 * to remember once the CRM took the write.
 */
function withUtmRule(
  values: { fields: Record<string, string>; utmFields: string[] },
  existing: CrmRecord | null,
  context: { occurredAt: Date; written: UtmWritten | null; notes: string[]; entity: MappedEntity },
): { fields: Record<string, string>; utmWritten?: UtmWritten } {
  if (values.utmFields.length === 0) return { fields: values.fields };
  const tags = Object.fromEntries(Object.entries(values.fields).filter(([field]) => values.utmFields.includes(field)));
  const other = Object.fromEntries(Object.entries(values.fields).filter(([field]) => !values.utmFields.includes(field)));
  const utm = decideUtm({ tags, utmFields: values.utmFields, occurredAt: context.occurredAt, existing, written: context.written });
  if (utm.note) context.notes.push(`${context.entity}: ${utm.note}`);
  return { fields: { ...other, ...utm.fields }, utmWritten: utm.remember ?? undefined };
}

function clientDetails(event: ClientEvent, config: IntegrationConfig, country: string, texts: ReturnType<typeof crmTexts>) {
  const phoneRaw = rawClientPhone(event, config.forms.phoneFields);
  const { phone, email } = clientKeys(event, config.forms, country);
  const name =
    event.type === "messenger"
      ? event.client.name
      : event.type === "form"
        ? config.forms.nameFields.map((field) => event.fields[field]?.trim()).find(Boolean)
        : undefined;
  const fallbackName = event.type === "call" ? texts.callFrom(phoneRaw ?? "") : event.type === "form" ? texts.form(phoneRaw ?? email ?? event.formName ?? texts.website) : texts.chat(name ?? event.client.messengerId);
  return { phone, email, name: name?.trim() || fallbackName };
}

export function decide(input: DecideInput): Plan {
  const { event, config, found } = input;
  const trigger = triggerOf(event);
  const row = input.phase?.row ?? config.matrix.find((candidate) => candidate.trigger === trigger)!;
  const final = input.phase?.final ?? true;
  const channel = channelOf(event);
  const variables = eventVariables(event);
  const texts = crmTexts(input.language);
  const client = clientDetails(event, config, input.defaultCountry, texts);
  const responsible = crmUserOf(event.type !== "form" ? event.employee : undefined, config, input.crmUsers);
  const steps: Step[] = [];
  const notes: string[] = [];
  const links: PlanLinks = {};

  // Default parameters first (F3), then the channel's mapping rows.
  const when = occurredAt(event);
  const valuesFor = (entity: MappedEntity, existing: CrmRecord | null) =>
    withUtmRule(mapped([...defaultRows(config.defaultFields[entity]), ...config.mappings[channel][entity]], event, variables), existing, {
      occurredAt: when,
      written: (existing && input.utmWritten?.[entity]) || null,
      notes,
      entity,
    });

  /** create: find, else create; update what was found. update: only what exists. none: leave it (but still link it). */
  const apply = (entity: MappedEntity, existing: CrmRecord | null, build: () => Omit<PlanValues, "fields">) => {
    const action = row[entity];
    if (existing) links[entity] = { id: existing.id };
    if (action === "none") return;
    if (existing) {
      if (entity === "lead" && existing.converted) {
        notes.push("lead: converted in the CRM, left alone");
        return;
      }
      const { fields, utmWritten } = valuesFor(entity, existing);
      if (Object.keys(fields).length) steps.push({ op: "update", entity, id: existing.id, values: { fields }, ...(utmWritten && { utmWritten }) });
      return;
    }
    if (action === "update") {
      notes.push(`${entity}: nothing to update (not found)`);
      return;
    }
    const { fields, utmWritten } = valuesFor(entity, null);
    steps.push({ op: "create", entity, values: { ...build(), fields }, ...(utmWritten && { utmWritten }) });
    links[entity] = { ref: entity };
  };

  if (event.type === "call" && !client.phone) {
    // A hidden caller id ("anonymous") or text is nobody's number: a contact made from it would be a new
    // phone-less duplicate on every call. The call is still logged (unlinked), and a task still made.
    notes.push(`caller "${event.caller}" is not a phone number: no contact, lead or deal is created or matched`);
  } else {
    // How the client is reached: on contacts, and on leads where the CRM keeps them there (Zoho), so the
    // next call finds either by phone.
    const reach = { phones: client.phone ? [client.phone] : undefined, emails: client.email ? [client.email] : undefined };
    // Creation order (seed): organization → contact → deal → task; each links to the ones before it.
    apply("organization", found.organization, () => ({ name: client.name, ownerId: responsible }));
    apply("contact", found.contact, () => ({
      name: client.name,
      ...reach,
      ownerId: responsible,
      organization: links.organization,
    }));
    apply("deal", found.deal, () => {
      const stage = pickStage(config.stageRules, variables, input.pipelines);
      return {
        name: `${client.name} — ${texts.dealKind[event.type]}`,
        ownerId: links.contact && "id" in links.contact ? (found.contact?.ownerId ?? responsible ?? undefined) : responsible,
        contact: links.contact,
        // Seed: with no contact, a deal is created without the organization link.
        organization: links.contact ? links.organization : undefined,
        pipelineId: stage?.pipelineId,
        stageId: stage?.stageId,
      };
    });
    apply("lead", found.lead, () => ({
      name: client.name,
      ...reach,
      ownerId: responsible,
      contact: links.contact,
      organization: links.contact ? undefined : links.organization,
    }));
  }

  if (final) {
    const fallback = config.employees.find((employee) => employee.id === config.routing.fallbackEmployeeId);
    const tasks = decideTasks({
      event,
      config,
      row,
      contact: found.contact,
      responsible,
      topManager: crmUserOf(fallback, config, input.crmUsers),
      crmUsers: input.crmUsers,
      client,
      links,
      texts,
      today: input.today,
      clock: input.clock,
      openTasks: input.openTasks,
    });
    steps.push(...tasks.steps);
    notes.push(...tasks.notes);
  }

  // CRM call logs need the call's end: written once, by the completed phase, linked to what is found by then.
  if (event.type === "call" && final) {
    const subject = texts.callLog(event.direction, event.status === "missed");
    steps.push({ op: "callLog", subject, ownerId: responsible, links: { ...links } });
    if (event.recordingUrl) steps.push({ op: "recording", url: event.recordingUrl });
  }
  return { trigger: input.phase?.row.trigger ?? trigger, steps, notes };
}
