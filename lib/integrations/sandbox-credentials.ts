// Credentials of the built-in sandbox CRMs' default account, for "connect to the sandbox" in the demo.
import { DEFAULT_ACCOUNT, ensureSandboxAccount, type PipedriveSandboxCredentials, type ZohoSandboxCredentials } from "@/lib/sandbox/accounts";
import { appUrl } from "./app-url";

export async function pipedriveSandboxCredentials() {
  const account = await ensureSandboxAccount("pipedrive", DEFAULT_ACCOUNT);
  const credentials = account.credentials as unknown as PipedriveSandboxCredentials;
  return { apiBase: `${appUrl()}/sandbox/pipedrive`, apiToken: credentials.apiToken };
}

export async function zohoSandboxClient() {
  const account = await ensureSandboxAccount("zoho", DEFAULT_ACCOUNT);
  const credentials = account.credentials as unknown as ZohoSandboxCredentials;
  return { clientId: credentials.clientId, clientSecret: credentials.clientSecret, accountsUrl: `${appUrl()}/sandbox/zoho/accounts` };
}
