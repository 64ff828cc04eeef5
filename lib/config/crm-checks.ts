// Checks of a configuration against the connected CRM's metadata, which zod alone cannot know:
// mapped fields must exist and be string fields, stage rules must name real stages, overrides real users.
import type { CrmField, CrmPipeline, CrmUser } from "@/lib/connectors/types";
import type { ErrorIssue } from "@/lib/errors";
import type { IntegrationConfig } from "@/lib/validation/config";
import { CHANNELS, MAPPED_ENTITIES, type MappedEntity } from "@/lib/validation/vocabulary";

export interface CrmMetadata {
  fields: Record<MappedEntity, CrmField[]>;
  pipelines: CrmPipeline[];
  users: CrmUser[];
}

/** Issues carry i18n keys as messages, like zod's; null metadata means "not connected". */
export function checkAgainstCrm(config: Pick<IntegrationConfig, "defaultFields" | "mappings" | "stageRules" | "employees">, metadata: CrmMetadata | null): ErrorIssue[] {
  const issues: ErrorIssue[] = [];
  const checkField = (entity: MappedEntity, key: string, path: string) => {
    if (!key) return;
    if (!metadata) return issues.push({ path, message: "validation.notConnected" });
    const field = metadata.fields[entity].find((candidate) => candidate.key === key);
    if (!field) issues.push({ path, message: "validation.unknownField" });
    else if (!field.isString || field.readOnly) issues.push({ path, message: "validation.nonStringField" });
    // F3/F4: Callbridge writes custom fields; system fields (name, phone, owner …) are its own.
    else if (!field.custom) issues.push({ path, message: "validation.systemField" });
  };
  for (const entity of MAPPED_ENTITIES) {
    for (const [parameter, key] of Object.entries(config.defaultFields[entity])) checkField(entity, key, `defaultFields.${entity}.${parameter}`);
    for (const channel of CHANNELS) config.mappings[channel][entity].forEach((row, index) => checkField(entity, row.field, `mappings.${channel}.${entity}.${index}.field`));
  }
  config.stageRules.forEach((rule, index) => {
    if (!metadata) return issues.push({ path: `stageRules.${index}.stageId`, message: "validation.notConnected" });
    const pipeline = metadata.pipelines.find((candidate) => candidate.id === rule.pipelineId);
    if (!pipeline) issues.push({ path: `stageRules.${index}.pipelineId`, message: "validation.unknownPipeline" });
    else if (!pipeline.stages.some((stage) => stage.id === rule.stageId)) issues.push({ path: `stageRules.${index}.stageId`, message: "validation.unknownStage" });
  });
  config.employees.forEach((employee, index) => {
    if (employee.crmUserId && metadata && !metadata.users.some((user) => user.id === employee.crmUserId)) {
      issues.push({ path: `employees.${index}.crmUserId`, message: "validation.unknownCrmUser" });
    }
  });
  return issues;
}
