// Pipedrive's descriptor: everything outside this folder learns about Pipedrive from here (descriptor.ts).
import type { CrmDescriptor } from "../descriptor";
import { PIPEDRIVE_DAILY_TOKENS_PER_SEAT, PIPEDRIVE_SEARCH_TOKENS } from "./budget";
import { pipedriveConnectionSchemas, type PipedriveConnection } from "./connection";
import { maskPipedriveConnection, mergePipedriveConnection } from "./connection-secrets";
import { PipedriveConnector } from "./connector";
import { pipedriveHostProblem } from "./hosts";
import { pipedriveRecordUrl } from "./links";
import { pipedriveOAuth } from "./oauth";

export const pipedrive: CrmDescriptor<"pipedrive", PipedriveConnection> = {
  kind: "pipedrive",
  displayName: "Pipedrive",
  entities: ["lead", "contact", "organization", "deal", "task"],
  connect: (credentials, options) => new PipedriveConnector(credentials, options),
  oauth: pipedriveOAuth as CrmDescriptor["oauth"],
  connection: { schemas: pipedriveConnectionSchemas, mask: maskPipedriveConnection, merge: mergePipedriveConnection },
  hostProblem: pipedriveHostProblem,
  account: (credentials) => credentials.apiBase,
  recordUrl: (apiBase, entity, id) => pipedriveRecordUrl(apiBase, entity, id),
  // Only the searches' documented token cost is known per call.
  budget: (calls) => ({ unit: "tokens", used: calls.searches * PIPEDRIVE_SEARCH_TOKENS, allowance: PIPEDRIVE_DAILY_TOKENS_PER_SEAT }),
};
