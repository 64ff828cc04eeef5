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
