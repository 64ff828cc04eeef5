// Credentials of the project's own account in the built-in sandbox CRMs: the API token for "connect to the
// sandbox", and the OAuth app (client and its OAuth server) for the sandbox consent pages.
import { appUrl } from "@/lib/env";
import { projectSandboxAccount, type SandboxCrm, type PipedriveSandboxCredentials, type ZohoSandboxCredentials } from "./accounts";
import { documentOf } from "@/lib/db/json";

type ProjectRef = { id: string; key: string };

export async function pipedriveSandboxCredentials(project: ProjectRef) {
  const account = await projectSandboxAccount("pipedrive", project);
  const credentials = documentOf<PipedriveSandboxCredentials>(account.credentials);
  return { apiBase: `${appUrl()}/sandbox/pipedrive`, apiToken: credentials.apiToken };
}

/** Where each sandbox's OAuth server answers, as Zoho's accounts server or Pipedrive's oauth host would. */
export const sandboxOAuthServer = (crm: SandboxCrm) => `${appUrl()}/sandbox/${crm}${crm === "zoho" ? "/accounts" : ""}`;

export async function sandboxOAuthClient(crm: SandboxCrm, project: ProjectRef) {
  const account = await projectSandboxAccount(crm, project);
  const credentials = documentOf<ZohoSandboxCredentials | PipedriveSandboxCredentials>(account.credentials);
  return { clientId: credentials.clientId, clientSecret: credentials.clientSecret, authBase: sandboxOAuthServer(crm) };
}
