// Credentials of the project's own account in the built-in sandbox CRMs: the API token for "connect to the
// sandbox", and the OAuth app (client and its OAuth server) for the sandbox consent pages.
import { appUrl } from "@/lib/env";
import { projectSandboxAccount, type SandboxCrm, type PipedriveSandboxCredentials, type ZohoSandboxCredentials } from "./accounts";

type ProjectRef = { id: string; key: string };

export async function pipedriveSandboxCredentials(project: ProjectRef) {
  const account = await projectSandboxAccount("pipedrive", project);
  const credentials = account.credentials as unknown as PipedriveSandboxCredentials;
  return { apiBase: `${appUrl()}/sandbox/pipedrive`, apiToken: credentials.apiToken };
}

/** Where each sandbox's OAuth server answers, as Zoho's accounts server or Pipedrive's oauth host would. */
export const sandboxOAuthServer = (crm: SandboxCrm) => `${appUrl()}/sandbox/${crm}${crm === "zoho" ? "/accounts" : ""}`;

export async function sandboxOAuthClient(crm: SandboxCrm, project: ProjectRef) {
  const account = await projectSandboxAccount(crm, project);
  const credentials = account.credentials as unknown as ZohoSandboxCredentials | PipedriveSandboxCredentials;
  return { clientId: credentials.clientId, clientSecret: credentials.clientSecret, authBase: sandboxOAuthServer(crm) };
}
