// Pipedrive API v2 account metadata in the sandbox: field lists (fields named by field_code), pipelines
// and stages, with v2 cursor paging. https://developers.pipedrive.com/docs/api/v2
import { listSandboxRecords } from "@/lib/db/queries/sandbox";
import type { Route } from "../http";
import { asId, cursorPage, rows, type PipedriveCall } from "./answers";
import type { PipedriveField } from "./validate";
import { documentOf } from "@/lib/db/json";

/** The sandbox stores each field once; v2 lists name it by field_code, with v2's flags. */
function v2Field(field: PipedriveField & { order_nr?: number }) {
  return {
    field_name: field.name,
    field_code: field.key,
    field_type: field.field_type,
    is_custom_field: field.edit_flag,
    is_optional_response_field: false,
    options: field.options ? field.options.map((option) => ({ id: option.id, label: option.label })) : null,
    subfields: null,
  };
}

async function fieldList(call: PipedriveCall, list: string): Promise<Response> {
  const fields = (await listSandboxRecords(call.account.id, list)).map((row) => documentOf<PipedriveField & { order_nr?: number }>(row.data));
  fields.sort((a, b) => (a.order_nr ?? 0) - (b.order_nr ?? 0));
  return cursorPage(call, fields.map(v2Field));
}

const byOrder = (a: Record<string, unknown>, b: Record<string, unknown>) => Number(a.order_nr) - Number(b.order_nr);

export const metadataRoutes: Route<PipedriveCall>[] = [
  { method: "GET", pattern: /^\/v2\/(personFields|organizationFields|dealFields|activityFields)$/, handle: (call, [list]) => fieldList(call, list!) },
  { method: "GET", pattern: /^\/v2\/pipelines$/, handle: async (call) => cursorPage(call, (await rows(call, "pipelines")).sort(byOrder)) },
  {
    method: "GET",
    pattern: /^\/v2\/stages$/,
    handle: async (call) => {
      const pipelineId = asId(call.url.searchParams.get("pipeline_id"));
      const stages = (await rows(call, "stages")).filter((stage) => pipelineId === null || stage.pipeline_id === pipelineId);
      return cursorPage(call, stages.sort((a, b) => Number(a.pipeline_id) - Number(b.pipeline_id) || byOrder(a, b)));
    },
  },
];
