// Credentials of the project's own account in the built-in sandbox CRMs, for "connect to the sandbox".
import { projectSandboxAccount, type PipedriveSandboxCredentials, type ZohoSandboxCredentials } from "@/lib/sandbox/accounts";
import { appUrl } from "./app-url";

type ProjectRef = { id: string; key: string };

export async function pipedriveSandboxCredentials(project: ProjectRef) {
  const account = await projectSandboxAccount("pipedrive", project);
  const credentials = account.credentials as unknown as PipedriveSandboxCredentials;
  return { apiBase: `${appUrl()}/sandbox/pipedrive`, apiToken: credentials.apiToken };
}

export async function zohoSandboxClient(project: ProjectRef) {
  const account = await projectSandboxAccount("zoho", project);
  const credentials = account.credentials as unknown as ZohoSandboxCredentials;
  return { clientId: credentials.clientId, clientSecret: credentials.clientSecret, accountsUrl: `${appUrl()}/sandbox/zoho/accounts` };
}
