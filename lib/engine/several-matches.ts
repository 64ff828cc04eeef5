// Several records match one caller (two open deals of the contact, two contacts with the number): the
// project's policy (config section `matching`) picks one, and the trace says that several matched, which
// was taken and why. Pure: the records are what the CRM answered, the pipelines are the CRM's own order.
import type { DealPolicy } from "@/lib/validation/vocabulary";
import type { CrmRecord, EntityKind } from "@/lib/connectors/types";
import { words, type Words } from "@/lib/i18n/words";

export interface Picked {
  record: CrmRecord | null;
  /** Set when more than one matched: what the trace says. */
  why?: Words;
}

const time = (value: string | null | undefined) => {
  const parsed = value ? Date.parse(value) : Number.NaN;
  return Number.isFinite(parsed) ? parsed : null;
};

/** Newest update first; records the CRM gave no time for come last, in the CRM's order. */
const byRecent = (a: CrmRecord, b: CrmRecord) => (time(b.updatedAt) ?? -Infinity) - (time(a.updatedAt) ?? -Infinity);
/** Oldest creation first; ties (and records without a time) in the CRM's order, which is by id. */
const byOldest = (a: CrmRecord, b: CrmRecord) => (time(a.createdAt) ?? Infinity) - (time(b.createdAt) ?? Infinity);


/**
 * One of `records` by `policy`. `pipelineOrder`: the CRM's pipeline ids in its own order (the default
 * pipeline first), for "pipelines"; a deal in no listed pipeline comes after those in one.
 */
export function pickMatch(kind: EntityKind, records: CrmRecord[], policy: DealPolicy, pipelineOrder: string[] = []): Picked {
  if (records.length <= 1) return { record: records[0] ?? null };
  const rank = (record: CrmRecord) => {
    const index = record.pipelineId === null ? -1 : pipelineOrder.indexOf(record.pipelineId);
    return index === -1 ? pipelineOrder.length : index;
  };
  // Array.prototype.sort is stable: equal records keep the CRM's order.
  const sorted = [...records].sort(policy === "oldest" ? byOldest : policy === "pipelines" ? (a, b) => rank(a) - rank(b) || byRecent(a, b) : byRecent);
  const record = sorted[0]!;
  const ids = records.map((candidate) => candidate.id).join(", ");
  return { record, why: words("trace.match.several", { count: records.length, kinds: words(`trace.kinds.${kind}`), ids, id: record.id, policy: words(`match.policy.${policy}`) }) };
}
