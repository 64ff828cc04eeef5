// Addresses outside a CRM vendor's own domains that a CRM connection may still use: the built-in sandbox
// CRMs on this app's own origin (only while they are switched on), and hosts the operator lists in
// EGRESS_ALLOW_CRM with their port (self-hosted test CRMs, the tests' loopback sandboxes). Everything else
// must be the vendor's.
import { appUrl, sandboxEnabled } from "@/lib/env";
import { allowedBy, urlPort } from "@/lib/env/egress-allow";
import { egressRules } from "./purposes";

export function isOwnOrListedOrigin(raw: string, sandboxPath: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (sandboxEnabled() && `${url.origin}${url.pathname}`.replace(/\/+$/, "").startsWith(`${appUrl()}${sandboxPath}`)) return true;
  return allowedBy(egressRules("crm"), { host: url.hostname, port: urlPort(url) }) !== null;
}

/**
 * The words of a ConfigurationError for a stored CRM address this process may not send credentials to: it
 * was accepted when connected, so this server's settings differ (its EGRESS_ALLOW_CRM, the sandbox switched
 * off, another public URL) — the CRM refused nothing.
 */
export function notReachableHere(raw: string, why: string): string {
  let host = raw;
  try {
    host = new URL(raw).host;
  } catch {
    // Named as stored.
  }
  return `this server may not reach ${host}: ${why} (check this server's EGRESS_ALLOW_CRM, SANDBOX_CRM and NEXTAUTH_URL)`;
}
