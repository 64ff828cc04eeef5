// F5: which pipeline stage a deal lands in. Ordered rules, first match wins; otherwise the CRM's
// default pipeline and its first stage. Pure: used by the engine and by the editor's preview.
import type { CrmPipeline } from "@/lib/connectors/types";
import type { StageRule } from "@/lib/validation/config";

export interface StageChoice {
  pipelineId: string;
  stageId: string;
  /** Index of the rule that matched, or null for the default. */
  ruleIndex: number | null;
}

const normalise = (value: string) => value.trim().toLocaleLowerCase();

export function ruleMatches(rule: Pick<StageRule, "operator" | "value" | "variable">, variables: Record<string, string | undefined>): boolean {
  const actual = variables[rule.variable];
  if (actual === undefined) return rule.operator === "not_equals";
  const left = normalise(actual);
  const right = normalise(rule.value);
  switch (rule.operator) {
    case "equals":
      return left === right;
    case "not_equals":
      return left !== right;
    case "contains":
      return left.includes(right);
    case "starts_with":
      return left.startsWith(right);
  }
}

export function pickStage(rules: StageRule[], variables: Record<string, string | undefined>, pipelines: CrmPipeline[]): StageChoice | null {
  const index = rules.findIndex((rule) => ruleMatches(rule, variables));
  if (index >= 0) return { pipelineId: rules[index]!.pipelineId, stageId: rules[index]!.stageId, ruleIndex: index };
  const pipeline = pipelines.find((candidate) => candidate.isDefault) ?? pipelines[0];
  const stage = pipeline?.stages.find((candidate) => candidate.state === "open") ?? pipeline?.stages[0];
  return pipeline && stage ? { pipelineId: pipeline.id, stageId: stage.id, ruleIndex: null } : null;
}
