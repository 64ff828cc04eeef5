// Where a Pipedrive connection may send its token: the company's own address or Pipedrive's API host
// (https://developers.pipedrive.com/docs/api/v1 — "https://{COMPANYDOMAIN}.pipedrive.com"), over https.
import { isOwnOrListedOrigin } from "@/lib/net/own-origins";
import type { PipedriveCredentials } from "../types";

const PIPEDRIVE_HOST = /^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)\.pipedrive\.com$/;

/** Why this apiBase is not a Pipedrive address, or null when it is one. */
export function pipedriveApiBaseProblem(apiBase: string): string | null {
  if (isOwnOrListedOrigin(apiBase, "/sandbox/pipedrive")) return null;
  let url: URL;
  try {
    url = new URL(apiBase);
  } catch {
    return "apiBase is not a URL";
  }
  const plain = url.protocol === "https:" && !url.port && !url.username && !url.password && !url.search && (url.pathname === "/" || url.pathname === "");
  return plain && PIPEDRIVE_HOST.test(url.hostname) ? null : "apiBase must be your Pipedrive address, https://<company>.pipedrive.com (or https://api.pipedrive.com)";
}

export const PIPEDRIVE_OAUTH_BASE = "https://oauth.pipedrive.com";

/** The field of these credentials that names a host their secrets may not go to, and why. */
export function pipedriveHostProblem(credentials: PipedriveCredentials): { path: string; message: string } | null {
  const apiBase = pipedriveApiBaseProblem(credentials.apiBase);
  if (apiBase) return { path: "apiBase", message: apiBase };
  if (credentials.auth === "oauth" && credentials.oauthBase.replace(/\/+$/, "") !== PIPEDRIVE_OAUTH_BASE && !isOwnOrListedOrigin(credentials.oauthBase, "/sandbox/pipedrive")) {
    return { path: "oauthBase", message: `oauthBase must be ${PIPEDRIVE_OAUTH_BASE}` };
  }
  return null;
}
