// Reading values out of a platform event: variables by dotted name (as mapping tabs and stage rules
// name them) and the contact points the event carries.
import type { PlatformEvent } from "@/lib/events/schemas";

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

/**
 * Which client an event is about, for ordering: one client's events reach the CRM in order, while a
 * failing client does not hold up the others. The last 9 digits of the number survive every format.
 */
export function orderingKey(event: PlatformEvent): string {
  const phone = event.type === "call" ? (event.direction === "incoming" ? event.caller : event.callee) : event.type === "form" ? (event.fields.tel ?? event.fields.phone) : event.client.phone;
  const digits = phone?.replace(/\D/g, "").slice(-9);
  if (digits && digits.length >= 6) return `phone:${digits}`;
  if (event.clientId) return `client:${event.clientId}`;
  return event.type === "messenger" ? `messenger:${event.client.messengerId}` : `event:${event.id}`;
}
