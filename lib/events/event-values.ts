// Reading values out of a platform event: variables by dotted name (as mapping tabs and stage rules
// name them) and the contact points the event carries.
import { CHANNELS, DEFAULT_PARAMETERS, type DefaultParameter, type MAPPED_ENTITIES } from "@/lib/validation/vocabulary";
import type { EntityKind } from "@/lib/connectors/types";
import type { ClientEvent } from "@/lib/validation/platform-event";
import { normalisePhone } from "@/lib/phone/variants";
import type { IntegrationConfig, MappingRow } from "@/lib/validation/config";

/** Every variable of the event as strings: top-level fields, nested ones by dotted path, custom `variables`. */
export function eventVariables(event: ClientEvent): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (value: unknown, prefix: string) => {
    if (value === null || value === undefined) return;
    if (typeof value === "object" && !Array.isArray(value)) {
      for (const [key, child] of Object.entries(value)) walk(child, prefix ? `${prefix}.${key}` : key);
      return;
    }
    out[prefix] = String(value);
  };
  const { variables, ...rest } = event as ClientEvent & { variables?: Record<string, string> };
  walk(rest, "");
  // Custom variables by their documented name (`variables.<name>`), and by the bare name rules used before.
  for (const [key, value] of Object.entries(variables ?? {})) {
    out[`variables.${key}`] = String(value);
    out[key] ??= String(value);
  }
  return out;
}

/** F11: a form's phone comes from the configured fields in order (seed: tel, then phone), then any extra names. */
export function formPhone(fields: Record<string, string>, phoneFields: string[], extra: string[] = []): string | null {
  for (const name of [...phoneFields, ...extra]) {
    const value = fields[name]?.trim();
    if (value) return value;
  }
  return null;
}

export function formEmail(fields: Record<string, string>, emailFields: string[]): string | null {
  for (const name of emailFields) {
    const value = fields[name]?.trim();
    if (value && value.includes("@")) return value;
  }
  return null;
}

/** The client's number as the event carries it: the other party of a call, a form's phone field, a chat's phone. */
export function rawClientPhone(event: ClientEvent, phoneFields: string[]): string | null {
  if (event.type === "call") return event.direction === "incoming" ? event.caller : event.callee;
  if (event.type === "form") return formPhone(event.fields, phoneFields);
  return event.client.phone ?? null;
}

export interface ClientKeys {
  phone: string | null;
  email: string | null;
  clientId: string | null;
}

/** What identifies the client in the CRM and in the link cache: E.164 phone, e-mail, client id. */
export function clientKeys(event: ClientEvent, forms: { phoneFields: string[]; emailFields: string[] }, country: string): ClientKeys {
  const raw = rawClientPhone(event, forms.phoneFields);
  return {
    phone: raw ? (normalisePhone(raw, country)?.e164 ?? null) : null,
    email: event.type === "form" ? (formEmail(event.fields, forms.emailFields)?.toLowerCase() ?? null) : null,
    clientId: event.clientId ?? null,
  };
}

/**
 * Which client an event is about, the same way for calls, forms and chats: the delivery queue's key, so
 * one client's events reach the CRM one at a time and in order while a failing client holds up no one else.
 */
export function clientKey(event: ClientEvent, forms: { phoneFields: string[]; emailFields: string[] }, country: string): string {
  return clientKeyOf(event, clientKeys(event, forms, country));
}

/** The same key from keys already worked out (the webhook normalises the client's phone once). */
export function clientKeyOf(event: ClientEvent, keys: ClientKeys): string {
  if (keys.phone) return `phone:${keys.phone}`;
  if (keys.email) return `email:${keys.email}`;
  if (keys.clientId) return `client:${keys.clientId}`;
  return event.type === "messenger" ? `messenger:${event.channel}:${event.client.messengerId}` : `event:${event.id}`;
}

/** F3: an entity's default parameters as mapping rows fed by their variables, so F8 treats UTM fields alike. */
export const defaultRows = (defaults: Record<DefaultParameter, string>): MappingRow[] =>
  (Object.entries(defaults) as Array<[DefaultParameter, string]>).filter(([, field]) => field).map(([parameter, field]) => ({ field, source: { type: "variable", name: DEFAULT_PARAMETERS[parameter] } }));

/**
 * The CRM field an entity's client id is written to: its default parameter (F3), else the mapping row fed
 * by the `clientId` variable, in the event's own channel first (the seeds search by client id through it).
 */
export function clientIdField(config: Pick<IntegrationConfig, "defaultFields" | "mappings">, channel: ClientEvent["type"], kind: EntityKind): string | null {
  const configured = config.defaultFields[kind as (typeof MAPPED_ENTITIES)[number]]?.clientId;
  if (configured) return configured;
  const mappings = config.mappings;
  for (const tab of [channel, ...CHANNELS.filter((other) => other !== channel)]) {
    const row = mappings[tab]?.[kind as (typeof MAPPED_ENTITIES)[number]]?.find((candidate) => candidate.source.type === "variable" && candidate.source.name === "clientId");
    if (row) return row.field;
  }
  return null;
}
