// The authorization-code flow every OAuth CRM shares (F1): the admin is sent to the CRM's consent page,
// comes back with a code, and the code is exchanged for tokens. Each CRM implements it in its own folder.
import type { CrmCredentials, CrmKind } from "../types";

/** What the flow keeps between the two steps (sealed in the OAuth state): the client and its servers. */
export type OAuthPending = Record<string, string>;

export interface OAuthClient {
  clientId: string;
  clientSecret: string;
}

export interface OAuthProvider<Input = unknown> {
  /** The pending flow for the admin's form input; `sandbox` gives the project's sandbox client and its server. */
  start(input: Input, sandbox: () => Promise<OAuthClient & { authBase: string }>): Promise<OAuthPending>;
  /** The CRM's consent page for this flow. */
  authorizeUrl(pending: OAuthPending, redirectUri: string, state: string): string;
  /**
   * The code in the callback's parameters, exchanged for credentials. `sandboxAuthBase` is the built-in
   * sandbox's OAuth server when the sandbox is on (a callback may name no other unknown server).
   */
  exchange(params: URLSearchParams, pending: OAuthPending, redirectUri: string, options: { fetch: typeof fetch; sandboxAuthBase?: string }): Promise<CrmCredentials>;
}

/** The built-in sandbox's part of a flow (lib/sandbox/oauth-plug.ts), handed in by the caller while it is on. */
export interface SandboxOAuth {
  /** The sandbox's OAuth app for this project; null when this CRM kind has no sandbox. */
  client(crm: CrmKind, project: { id: string; key: string }): Promise<(OAuthClient & { authBase: string }) | null>;
  /** Where the sandbox's OAuth server for this CRM kind answers. */
  server(crm: CrmKind): string | undefined;
}

/** Why a consent was not turned into credentials, in words for the admin. */
export class OAuthRefused extends Error {}
