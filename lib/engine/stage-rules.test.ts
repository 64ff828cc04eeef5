import { describe, expect, it } from "vitest";
import type { CrmPipeline } from "@/lib/connectors/types";
import type { StageRule } from "@/lib/validation/config";
import { pickStage, ruleMatches } from "./stage-rules";

const pipelines: CrmPipeline[] = [
  { id: "p2", name: "Partners", isDefault: false, stages: [{ id: "s21", name: "New", order: 1, state: "open" }] },
  { id: "p1", name: "Default", isDefault: true, stages: [{ id: "s11", name: "Qualification", order: 1, state: "open" }, { id: "s12", name: "Identify Decision Makers", order: 2, state: "open" }] },
];
const rule = (patch: Partial<StageRule>): StageRule => ({ id: "r", pipelineId: "p1", stageId: "s12", variable: "pool", operator: "equals", value: "Контекстна реклама", ...patch });

describe("stage rules", () => {
  it("the seed's example: calls from the pool 'Контекстна реклама' go to Default / Identify Decision Makers", () => {
    expect(pickStage([rule({})], { pool: "Контекстна реклама" }, pipelines)).toEqual({ pipelineId: "p1", stageId: "s12", ruleIndex: 0 });
  });

  it("first match wins; no match gives the default pipeline's first stage", () => {
    const rules = [rule({ id: "a", value: "SEO", stageId: "s11" }), rule({ id: "b", operator: "contains", value: "реклама", pipelineId: "p2", stageId: "s21" }), rule({ id: "c" })];
    expect(pickStage(rules, { pool: "Контекстна реклама" }, pipelines)?.ruleIndex).toBe(1);
    expect(pickStage(rules, { pool: "Direct" }, pipelines)).toEqual({ pipelineId: "p1", stageId: "s11", ruleIndex: null });
    expect(pickStage([], {}, [])).toBeNull();
  });

  it("operators compare trimmed and case-insensitively; a missing variable only satisfies not_equals", () => {
    expect(ruleMatches(rule({ operator: "equals", value: "seo " }), { pool: "SEO" })).toBe(true);
    expect(ruleMatches(rule({ operator: "starts_with", value: "goo" }), { pool: "Google Ads" })).toBe(true);
    expect(ruleMatches(rule({ operator: "not_equals", value: "x" }), {})).toBe(true);
    expect(ruleMatches(rule({ operator: "contains", value: "x" }), {})).toBe(false);
  });
});
