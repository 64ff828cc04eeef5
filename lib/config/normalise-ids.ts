// One id form per CRM object: a configuration may name a pipeline, stage, field or user the way an admin
// reads it (a stage's name, a field's label, a user's e-mail), and is stored with the CRM's ids. A name
// that matches more than one object is left as is, so the CRM checks refuse it by name.
import type { IntegrationConfig } from "@/lib/validation/config";
import type { CrmMetadata } from "./crm-checks";
import { CHANNELS, MAPPED_ENTITIES, type MappedEntity } from "@/lib/validation/vocabulary";

const sameName = (a: string, b: string) => a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();

/** The id of the one object whose id is `value`, or else whose name is `value`; `value` when neither is unique. */
function idOf<T>(items: T[], value: string, id: (item: T) => string, names: (item: T) => string[]): string {
  if (!value || items.some((item) => id(item) === value)) return value;
  const named = items.filter((item) => names(item).some((name) => sameName(name, value)));
  return named.length === 1 ? id(named[0]!) : value;
}

export function normaliseIds<C extends Pick<IntegrationConfig, "defaultFields" | "mappings" | "stageRules" | "employees">>(config: C, metadata: CrmMetadata): C {
  const fieldKey = (entity: MappedEntity, value: string) => idOf(metadata.fields[entity], value, (field) => field.key, (field) => [field.label]);
  const defaultFields = Object.fromEntries(
    MAPPED_ENTITIES.map((entity) => [entity, Object.fromEntries(Object.entries(config.defaultFields[entity]).map(([parameter, value]) => [parameter, fieldKey(entity, value)]))]),
  ) as C["defaultFields"];
  const mappings = Object.fromEntries(
    CHANNELS.map((channel) => [
      channel,
      Object.fromEntries(
        MAPPED_ENTITIES.map((entity) => [
          entity,
          config.mappings[channel][entity].map((row) => ({ ...row, field: fieldKey(entity, row.field) })),
        ]),
      ),
    ]),
  ) as C["mappings"];
  const stageRules = config.stageRules.map((rule) => {
    const pipelineId = idOf(metadata.pipelines, rule.pipelineId, (pipeline) => pipeline.id, (pipeline) => [pipeline.name]);
    const stages = metadata.pipelines.find((pipeline) => pipeline.id === pipelineId)?.stages ?? [];
    return { ...rule, pipelineId, stageId: idOf(stages, rule.stageId, (stage) => stage.id, (stage) => [stage.name]) };
  });
  const employees = config.employees.map((employee) => ({ ...employee, crmUserId: idOf(metadata.users, employee.crmUserId, (user) => user.id, (user) => [user.email, user.name]) }));
  return { ...config, defaultFields, mappings, stageRules, employees };
}
