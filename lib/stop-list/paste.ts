// Bulk paste into the stop-list (F9): one entry per line, "value, SIP pair, note". A value that looks
// like a phone number is an FMC number (which needs its SIP pair); anything else is a SIP login. Each line
// is read as CSV (papaparse), so a note in quotes may hold commas.
import Papa from "papaparse";
import { stopListEntrySchema, type StopListEntry } from "@/lib/validation/stop-list";

export interface PasteLine {
  line: number;
  value: string;
  outcome: "added" | "duplicate" | "invalid";
  /** The line as pasted, kept for an invalid one so it can be fixed in place. */
  raw: string;
  /** An i18n key or a zod message for invalid lines. */
  message?: string;
}

/** A pasted line's fields; a line that is not valid CSV (an unclosed quote) is split at its commas. */
function csvFields(line: string): string[] {
  // People type "a, b": a space before an opening quote would make it part of the field.
  const parsed = Papa.parse<string[]>(line.replace(/,\s+"/g, ',"'), { delimiter: ",", skipEmptyLines: true });
  const fields = parsed.errors.length ? line.split(",") : (parsed.data[0] ?? []);
  return fields.map((field) => field.trim());
}

const looksLikePhone = (value: string) => /^\+?[\d\s().-]{6,}$/.test(value) && (value.match(/\d/g)?.length ?? 0) >= 6;

export function parseStopListPaste(text: string, existing: StopListEntry[], newId: () => string): { added: StopListEntry[]; report: PasteLine[] } {
  const seen = new Set(existing.map((entry) => `${entry.kind}:${entry.value.toLowerCase()}`));
  const added: StopListEntry[] = [];
  const report: PasteLine[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (!line) return;
    const [value = "", sipPair = "", ...note] = csvFields(line);
    const candidate = looksLikePhone(value) ? { id: newId(), kind: "fmc", value, sipPair, note: note.join(", ") } : { id: newId(), kind: "sip", value, note: [sipPair, ...note].filter(Boolean).join(", ") };
    const parsed = stopListEntrySchema.safeParse(candidate);
    if (!parsed.success) {
      report.push({ line: index + 1, value, outcome: "invalid", message: parsed.error.issues[0]?.message, raw: line });
      return;
    }
    const key = `${parsed.data.kind}:${parsed.data.value.toLowerCase()}`;
    if (seen.has(key)) {
      report.push({ line: index + 1, value, outcome: "duplicate", raw: line });
      return;
    }
    seen.add(key);
    added.push(parsed.data);
    report.push({ line: index + 1, value, outcome: "added", raw: line });
  });
  return { added, report };
}

/** What stays in the paste box after an import: the lines that could not be added, to be fixed and imported again. */
export const linesToFix = (report: PasteLine[]) => report.filter((line) => line.outcome === "invalid").map((line) => line.raw).join("\n");
