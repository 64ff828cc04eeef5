// How the built-in sandbox plugs into the OAuth connect flow (lib/integrations/connect.ts takes it as a
// parameter, so the flow never depends on the sandbox): its client for a project and its OAuth server.
import type { SandboxOAuth } from "@/lib/connectors/oauth/provider";
import { sandboxEnabled } from "@/lib/env";
import { isSandboxCrm } from "./accounts";
import { sandboxOAuthClient, sandboxOAuthServer } from "./credentials";

/** The sandbox's part of the flow while SANDBOX_CRM is on; null when it is off. */
export function sandboxOAuth(): SandboxOAuth | null {
  if (!sandboxEnabled()) return null;
  return {
    client: (crm, project) => (isSandboxCrm(crm) ? sandboxOAuthClient(crm, project) : Promise.resolve(null)),
    server: (crm) => (isSandboxCrm(crm) ? sandboxOAuthServer(crm) : undefined),
  };
}
