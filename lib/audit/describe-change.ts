// Turns an audit entry's before/after snapshots into the fields that changed, one line each, down to the
// single value: list items are matched by their id (so a reordered or inserted entry is not every entry
// changed) and named by what an admin recognises (a name, a value, a trigger), never by the id itself.

export interface FieldChange {
  field: string;
  before: string;
  after: string;
}

type Leaf = { label: string; value: string };

/**
 * What an id stands for, when it is one the CRM gave (a Pipedrive field's 40-character hash, a pipeline's,
 * stage's or user's id): `name("field", "a1b2…")` → "Source". Undefined keeps the value as it is.
 */
export type NameOf = (key: string, value: string) => string | undefined;
const noNames: NameOf = () => undefined;

const LABEL_KEYS = ["name", "value", "trigger", "email", "field", "sip", "kind"] as const;
const isRecord = (value: unknown): value is Record<string, unknown> => Boolean(value) && typeof value === "object" && !Array.isArray(value);

function show(value: unknown): string {
  if (value === undefined || value === null || value === "") return "—";
  return typeof value === "string" ? value : JSON.stringify(value);
}

function itemName(item: unknown, index: number, nameOf: NameOf): string {
  if (isRecord(item)) for (const key of LABEL_KEYS) if (typeof item[key] === "string" && item[key]) return nameOf(key, String(item[key])) ?? String(item[key]);
  return `#${index + 1}`;
}

/** Leaves by a matching key (ids inside lists), each with the path to show. */
function flatten(value: unknown, key: string, label: string[], out: Map<string, Leaf>, nameOf: NameOf) {
  if (Array.isArray(value)) {
    // A list of plain values is one value; a list of entries is followed entry by entry.
    if (!value.some(isRecord)) return void out.set(key, { label: label.join(" › "), value: value.length ? value.map(show).join(", ") : "—" });
    value.forEach((item, index) => {
      const id = isRecord(item) && typeof item.id === "string" ? item.id : isRecord(item) && typeof item.trigger === "string" ? item.trigger : String(index);
      flatten(item, `${key}[${id}]`, [...label, itemName(item, index, nameOf)], out, nameOf);
    });
    return;
  }
  if (isRecord(value)) {
    for (const [field, inner] of Object.entries(value)) if (field !== "id") flatten(inner, `${key}.${field}`, [...label, field], out, nameOf);
    return;
  }
  const leaf = key.slice(key.lastIndexOf(".") + 1);
  out.set(key, { label: label.join(" › "), value: (typeof value === "string" && nameOf(leaf, value)) || show(value) });
}

export function describeChange(before: unknown, after: unknown, nameOf: NameOf = noNames): FieldChange[] {
  const left = new Map<string, Leaf>();
  const right = new Map<string, Leaf>();
  if (isRecord(before)) flatten(before, "", [], left, nameOf);
  if (isRecord(after)) flatten(after, "", [], right, nameOf);
  const keys = [...new Set([...left.keys(), ...right.keys()])].sort();
  return keys
    .filter((key) => (left.get(key)?.value ?? "—") !== (right.get(key)?.value ?? "—"))
    .map((key) => ({ field: (right.get(key) ?? left.get(key))!.label, before: left.get(key)?.value ?? "—", after: right.get(key)?.value ?? "—" }));
}
