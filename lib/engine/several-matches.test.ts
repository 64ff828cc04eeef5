// The policy that picks one of several matching records, on records as connectors build them.
import { describe, expect, it } from "vitest";
import type { CrmRecord } from "@/lib/connectors/types";
import { translator } from "@/lib/i18n/config";
import { inEnglish, say } from "@/lib/i18n/words";
import { pickMatch } from "./several-matches";

const deal = (id: string, patch: Partial<CrmRecord>): CrmRecord => ({ kind: "deal", id, name: id, ownerId: null, phones: [], emails: [], organizationId: null, contactId: "c1", pipelineId: "p1", stageId: "s1", open: true, converted: false, fields: {}, ...patch });

describe("several matching records", () => {
  const old = deal("11", { createdAt: "2026-01-01T10:00:00Z", updatedAt: "2026-11-30T10:00:00Z", pipelineId: "p2" });
  const touched = deal("12", { createdAt: "2026-03-01T10:00:00Z", updatedAt: "2026-12-01T09:00:00Z", pipelineId: "p2" });
  const inFirst = deal("13", { createdAt: "2026-06-01T10:00:00Z", updatedAt: "2026-06-02T10:00:00Z", pipelineId: "p1" });
  const crmOrder = [old, touched, inFirst];

  it("takes the most recently updated, the oldest, or the first by pipeline order, and says why", () => {
    const recent = pickMatch("deal", crmOrder, "recent");
    expect(recent.record).toBe(touched);
    expect(inEnglish(recent.why!)).toBe("3 deals matched (11, 12, 13): took 12, the most recently updated");
    // The same line in the admin's language, the kind and the policy included.
    expect(say(translator("uk"), recent.why!)).toBe("Збігів: 3, угоди (11, 12, 13): узято 12, оновлений останнім");
    expect(say(translator("pl"), pickMatch("deal", crmOrder, "oldest").why!)).toBe("Dopasowań: 3, oferty (11, 12, 13): wybrano 11, najstarszy");
    expect(pickMatch("deal", crmOrder, "oldest").record).toBe(old);
    expect(pickMatch("deal", crmOrder, "pipelines", ["p1", "p2"]).record).toBe(inFirst);
    // Within one pipeline, the most recently updated; a pipeline the CRM no longer lists comes last.
    expect(pickMatch("deal", crmOrder, "pipelines", ["p2", "p1"]).record).toBe(touched);
    expect(pickMatch("deal", crmOrder, "pipelines", ["p3"]).record).toBe(touched);
  });

  it("says nothing when one or none matched, and keeps the CRM's order where it gave no times", () => {
    expect(pickMatch("deal", [old], "oldest")).toEqual({ record: old });
    expect(pickMatch("deal", [], "recent")).toEqual({ record: null });
    const a = deal("21", {});
    const b = deal("22", {});
    expect(pickMatch("contact", [a, b], "recent").record).toBe(a);
    expect(pickMatch("contact", [a, b], "oldest").record).toBe(a);
    expect(pickMatch("contact", [a, touched], "recent").record).toBe(touched);
  });
});
