// What every sandbox handler gets: the request, its URL, and the public base of this sandbox.
import type { SandboxAccountRow as SandboxAccount } from "@/lib/db/queries/sandbox";

export interface SandboxRequest {
  request: Request;
  url: URL;
  /** e.g. http://localhost:3000/sandbox/zoho — the base every URL the sandbox hands out starts with. */
  base: string;
}

export interface SandboxCall extends SandboxRequest {
  account: SandboxAccount;
}
