// Several records match one caller (two open deals of the contact, two contacts with the number): the
// project's policy (config section `matching`) picks one, and the trace says that several matched, which
// was taken and why. Pure: the records are what the CRM answered, the pipelines are the CRM's own order.
import type { DealPolicy } from "@/lib/validation/vocabulary";
import type { CrmRecord } from "@/lib/connectors/types";

export interface Picked {
  record: CrmRecord | null;
  /** Set when more than one matched: what the trace says. */
  why?: string;
}

const time = (value: string | null | undefined) => {
  const parsed = value ? Date.parse(value) : Number.NaN;
  return Number.isFinite(parsed) ? parsed : null;
};

/** Newest update first; records the CRM gave no time for come last, in the CRM's order. */
const byRecent = (a: CrmRecord, b: CrmRecord) => (time(b.updatedAt) ?? -Infinity) - (time(a.updatedAt) ?? -Infinity);
/** Oldest creation first; ties (and records without a time) in the CRM's order, which is by id. */
const byOldest = (a: CrmRecord, b: CrmRecord) => (time(a.createdAt) ?? Infinity) - (time(b.createdAt) ?? Infinity);

const POLICY_WORDS: Record<DealPolicy, string> = {
  recent: "the most recently updated",
  oldest: "the oldest",
  pipelines: "the first by the CRM's pipeline order, then the most recently updated",
};

/**
 * One of `records` by `policy`. `pipelineOrder`: the CRM's pipeline ids in its own order (the default
 * pipeline first), for "pipelines"; a deal in no listed pipeline comes after those in one.
 */
export function pickMatch(kind: string, records: CrmRecord[], policy: DealPolicy, pipelineOrder: string[] = []): Picked {
  if (records.length <= 1) return { record: records[0] ?? null };
  const rank = (record: CrmRecord) => {
    const index = record.pipelineId === null ? -1 : pipelineOrder.indexOf(record.pipelineId);
    return index === -1 ? pipelineOrder.length : index;
  };
  // Array.prototype.sort is stable: equal records keep the CRM's order.
  const sorted = [...records].sort(policy === "oldest" ? byOldest : policy === "pipelines" ? (a, b) => rank(a) - rank(b) || byRecent(a, b) : byRecent);
  const record = sorted[0]!;
  return { record, why: `${records.length} ${kind}s matched (${records.map((candidate) => candidate.id).join(", ")}): took ${record.id}, ${POLICY_WORDS[policy]}` };
}
