// The seed's caveat made visible: an FMC number is stopped through its SIP pair, so when that SIP pair is a
// shared line (several employees take calls on it, or several FMC numbers use it) every call on the line
// is stopped, not only this number's.
import type { StopListEntry } from "@/lib/validation/stop-list";

export type SharedLine = { employees: number; entries: number };

/** Null when the SIP pair is one person's line as far as the recent calls and the list tell. */
export function sharedLine(sipPair: string, entries: Array<Pick<StopListEntry, "kind"> & { sipPair?: string }>, lineEmployees: Record<string, number>): SharedLine | null {
  const line = sipPair.trim().toLowerCase();
  if (!line) return null;
  const employees = lineEmployees[line] ?? 0;
  const sharing = entries.filter((entry) => entry.kind === "fmc" && (entry.sipPair ?? "").trim().toLowerCase() === line).length;
  return employees > 1 || sharing > 1 ? { employees, entries: sharing } : null;
}
