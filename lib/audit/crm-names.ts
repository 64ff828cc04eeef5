// Names for the ids the CRM gave, so the Audit page says "Source" and "Sales › Qualified" where the stored
// change holds a Pipedrive field hash, a pipeline's or stage's id or a CRM user's id.
import type { CrmField, CrmPipeline, CrmUser } from "@/lib/connectors/types";
import type { NameOf } from "./describe-change";

export function crmNames(metadata: { fields: Record<string, CrmField[]>; pipelines: CrmPipeline[]; users: CrmUser[] } | null): NameOf {
  if (!metadata) return () => undefined;
  const fields = new Map(Object.values(metadata.fields).flatMap((list) => list.map((field) => [field.key, field.label] as const)));
  const pipelines = new Map(metadata.pipelines.map((pipeline) => [pipeline.id, pipeline.name]));
  const stages = new Map(metadata.pipelines.flatMap((pipeline) => pipeline.stages.map((stage) => [stage.id, `${pipeline.name} › ${stage.name}`] as const)));
  const users = new Map(metadata.users.map((user) => [user.id, user.name || user.email]));
  const byKey: Record<string, Map<string, string>> = { field: fields, pipelineId: pipelines, stageId: stages, crmUserId: users, ownerId: users, userId: users };
  return (key, value) => byKey[key]?.get(value);
}
