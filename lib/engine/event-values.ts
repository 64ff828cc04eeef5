// Reading values out of a platform event: variables by dotted name (as mapping tabs and stage rules
// name them) and the contact points the event carries.
import type { PlatformEvent } from "@/lib/events/schemas";
import { normalisePhone } from "@/lib/phone/variants";

/** Every variable of the event as strings: top-level fields, nested ones by dotted path, custom `variables`. */
export function eventVariables(event: PlatformEvent): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (value: unknown, prefix: string) => {
    if (value === null || value === undefined) return;
    if (typeof value === "object" && !Array.isArray(value)) {
      for (const [key, child] of Object.entries(value)) walk(child, prefix ? `${prefix}.${key}` : key);
      return;
    }
    out[prefix] = String(value);
  };
  const { variables, ...rest } = event as PlatformEvent & { variables?: Record<string, string> };
  walk(rest, "");
  for (const [key, value] of Object.entries(variables ?? {})) out[key] ??= value;
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
export function rawClientPhone(event: PlatformEvent, phoneFields: string[]): string | null {
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
export function clientKeys(event: PlatformEvent, forms: { phoneFields: string[]; emailFields: string[] }, country: string): ClientKeys {
  const raw = rawClientPhone(event, forms.phoneFields);
  return {
    phone: raw ? (normalisePhone(raw, country)?.e164 ?? null) : null,
    email: event.type === "form" ? (formEmail(event.fields, forms.emailFields)?.toLowerCase() ?? null) : null,
    clientId: event.clientId ?? null,
  };
}

/**
 * Which client an event is about, for ordering: one client's events reach the CRM in order, while a
 * failing client does not hold up the others. The last 9 digits of the number survive every format.
 */
export function orderingKey(event: PlatformEvent): string {
  const digits = rawClientPhone(event, ["tel", "phone"])?.replace(/\D/g, "").slice(-9);
  if (digits && digits.length >= 6) return `phone:${digits}`;
  const email = event.type === "form" ? formEmail(event.fields, ["email", "e-mail", "mail"]) : null;
  if (email) return `email:${email.toLowerCase()}`;
  if (event.clientId) return `client:${event.clientId}`;
  return event.type === "messenger" ? `messenger:${event.client.messengerId}` : `event:${event.id}`;
}
