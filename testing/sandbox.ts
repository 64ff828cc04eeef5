// A sandbox CRM over real HTTP for a test file: its own server and its own isolated account.
import { randomBytes } from "node:crypto";
import type { CrmCredentials, PipedriveCredentials, ZohoCredentials } from "@/lib/connectors/types";
import type { ControlInput } from "@/lib/sandbox/control";
import { startSandboxServer, type SandboxServer } from "@/lib/sandbox/node-server";

export interface SandboxHandle {
  server: SandboxServer;
  account: string;
  /** POST /_control on this account. */
  control(input: ControlInput): Promise<Record<string, unknown>>;
  /** The account's current credentials (GET /_control). */
  describe(): Promise<{ credentials: Record<string, unknown> }>;
}

export async function openSandbox(crm: "zoho" | "pipedrive", label: string, options: { record?: boolean } = {}): Promise<SandboxHandle> {
  return openSandboxAt(await startSandboxServer(0, options), crm, label);
}

/** An isolated account on a sandbox server that is already running (possibly in another process). */
export async function openSandboxAt(server: SandboxServer | string, crm: "zoho" | "pipedrive", label: string): Promise<SandboxHandle> {
  if (typeof server === "string") server = { url: server, requests: [], close: async () => undefined };
  const account = `${label}-${randomBytes(4).toString("hex")}`;
  const endpoint = `${server.url}/sandbox/${crm}/_control?account=${account}`;
  const handle: SandboxHandle = {
    server,
    account,
    control: async (input) => {
      const response = await fetch(endpoint, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(input) });
      if (!response.ok) throw new Error(`control failed: ${response.status} ${await response.text()}`);
      return (await response.json()) as Record<string, unknown>;
    },
    describe: async () => (await (await fetch(endpoint)).json()) as { credentials: Record<string, unknown> },
  };
  await handle.describe();
  return handle;
}

export async function zohoCredentials(sandbox: SandboxHandle): Promise<ZohoCredentials> {
  const { credentials } = (await sandbox.describe()) as { credentials: { clientId: string; clientSecret: string; refreshToken: string; accountsUrl: string; apiDomain: string } };
  return { crm: "zoho", dataCenter: "sandbox", ...credentials };
}

export async function pipedriveCredentials(sandbox: SandboxHandle, auth: "api_token" | "oauth" = "api_token"): Promise<PipedriveCredentials> {
  const { credentials } = (await sandbox.describe()) as {
    credentials: { apiToken: string; baseUrl: string; oauth: { clientId: string; clientSecret: string; refreshToken: string; oauthBase: string } };
  };
  if (auth === "api_token") return { crm: "pipedrive", auth, apiBase: credentials.baseUrl, apiToken: credentials.apiToken };
  // No access token yet: the connector's first call refreshes, as after an expiry.
  return { crm: "pipedrive", auth, apiBase: credentials.baseUrl, ...credentials.oauth, accessToken: "expired", accessTokenExpiresAt: 0 };
}

/** A fetch that records every request URL, to count e.g. token refreshes. */
export function recordingFetch(): { fetch: typeof fetch; urls: string[] } {
  const urls: string[] = [];
  return {
    urls,
    fetch: (input, init) => {
      urls.push(input instanceof Request ? input.url : String(input));
      return fetch(input, init);
    },
  };
}

export type { CrmCredentials };
