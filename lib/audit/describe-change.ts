// Turns an audit entry's before/after snapshots into the list of fields that changed.

export interface FieldChange {
  field: string;
  before: string;
  after: string;
}

type Snapshot = unknown;

function show(value: unknown): string {
  if (value === undefined || value === null) return "—";
  return typeof value === "string" ? value : JSON.stringify(value);
}

function asRecord(value: Snapshot): Record<string, unknown> {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

export function describeChange(before: Snapshot, after: Snapshot): FieldChange[] {
  const left = asRecord(before);
  const right = asRecord(after);
  const fields = [...new Set([...Object.keys(left), ...Object.keys(right)])].sort();
  return fields
    .filter((field) => JSON.stringify(left[field]) !== JSON.stringify(right[field]))
    .map((field) => ({ field, before: show(left[field]), after: show(right[field]) }));
}
