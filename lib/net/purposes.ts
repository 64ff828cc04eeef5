// One allow-list per purpose: a host opened for CRM connections (a self-hosted test CRM) is not thereby
// open to recording links, which any signed event names, and the other way round.
// EGRESS_ALLOW, the single list of earlier versions, still counts for a purpose whose own list is unset,
// with a warning: an operator upgrading keeps working and learns to split it.
import { env, type Env } from "@/lib/env";
import { parsedRuleList, type EgressRule } from "@/lib/env/egress-allow";

export type EgressPurpose = "crm" | "recordings";

const VARIABLE: Record<EgressPurpose, "EGRESS_ALLOW_CRM" | "EGRESS_ALLOW_RECORDINGS"> = { crm: "EGRESS_ALLOW_CRM", recordings: "EGRESS_ALLOW_RECORDINGS" };

/** The environment variable that opens hosts for this purpose, as error messages name it. */
export const egressVariable = (purpose: EgressPurpose) => VARIABLE[purpose];

let warned = false;

/** The rules that open private or plain-http hosts for this purpose in this process. */
export function egressRules(purpose: EgressPurpose, current: Env = env()): EgressRule[] {
  const own = current[VARIABLE[purpose]];
  if (own !== undefined) return parsedRuleList(own);
  if (current.EGRESS_ALLOW !== undefined && !warned) {
    warned = true;
    // A process warning, not the logger: this module reaches client bundles (the Zoho connect form), where
    // the logger's node:async_hooks cannot go.
    process.emitWarning("EGRESS_ALLOW is deprecated: it opens its hosts on every port to CRM connections and recording downloads alike. Set EGRESS_ALLOW_CRM and EGRESS_ALLOW_RECORDINGS instead (each entry with its port).");
  }
  return parsedRuleList(current.EGRESS_ALLOW);
}
