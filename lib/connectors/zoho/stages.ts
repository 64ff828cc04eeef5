// Zoho deal stages by their ids. Zoho's pipeline settings give every stage an id, but a deal's `Stage`
// field holds the stage's picklist value; the configuration names stages by id (one id form per CRM
// object), so the connector translates id → value on writes and value → id on reads.
import type { CrmPipeline, CrmStage } from "../types";

/** A pipeline as read from Zoho: each stage also carries the value a deal's Stage field holds. */
export interface ZohoPipeline extends CrmPipeline {
  stages: Array<CrmStage & { value: string }>;
}

interface ZohoPipelineAnswer {
  id: string;
  display_value: string;
  default: boolean;
  maps: Array<{ id: string; display_value: string; actual_value?: string | null; sequence_number: number; forecast_type: "Open" | "Closed Won" | "Closed Lost" }>;
}

export function toZohoPipeline(pipeline: ZohoPipelineAnswer): ZohoPipeline {
  return {
    id: pipeline.id,
    name: pipeline.display_value,
    isDefault: pipeline.default,
    stages: [...pipeline.maps]
      .sort((a, b) => a.sequence_number - b.sequence_number)
      .map((stage) => ({
        id: stage.id,
        name: stage.display_value,
        // API writes take the picklist's actual value; older accounts answer only the display value.
        value: stage.actual_value || stage.display_value,
        order: stage.sequence_number,
        state: stage.forecast_type === "Open" ? "open" : stage.forecast_type === "Closed Won" ? "won" : "lost",
      })),
  };
}

/** What the rest of the app sees: ids, names, order and state, without Zoho's picklist values. */
export const publicPipeline = (pipeline: ZohoPipeline): CrmPipeline => ({
  ...pipeline,
  stages: pipeline.stages.map((stage) => ({ id: stage.id, name: stage.name, order: stage.order, state: stage.state })),
});

export interface StageIndex {
  /** The Stage value to write for a stage id; a stage's value or name (configurations stored before ids) is taken as is. */
  valueOf(stageId: string, pipelineId?: string | null): string;
  /** The stage of a deal read from Zoho: its id and whether deals there are open. */
  ofDeal(pipelineId: string | null, value: string): { id: string; open: boolean } | null;
}

export function stageIndex(pipelines: ZohoPipeline[]): StageIndex {
  const stagesOf = (pipelineId?: string | null) => {
    const own = pipelines.filter((pipeline) => pipeline.id === pipelineId);
    // A deal without a pipeline (or an unknown one) is matched against every pipeline, the default first.
    return (own.length ? own : [...pipelines].sort((a, b) => Number(b.isDefault) - Number(a.isDefault))).flatMap((pipeline) => pipeline.stages);
  };
  return {
    valueOf(stageId, pipelineId) {
      const stages = stagesOf(pipelineId);
      return (stages.find((stage) => stage.id === stageId) ?? stages.find((stage) => stage.value === stageId || stage.name === stageId))?.value ?? stageId;
    },
    ofDeal(pipelineId, value) {
      const stage = stagesOf(pipelineId).find((candidate) => candidate.value === value || candidate.name === value);
      return stage ? { id: stage.id, open: stage.state === "open" } : null;
    },
  };
}
