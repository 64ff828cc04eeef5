// Addresses outside a CRM vendor's own domains that a CRM connection may still use: the built-in sandbox
// CRMs on this app's own origin (only while they are switched on), and hosts the operator lists in
// EGRESS_ALLOW (self-hosted test CRMs, the tests' loopback sandboxes). Everything else must be the vendor's.
import { env, sandboxEnabled } from "@/lib/env";
import { appUrl } from "@/lib/integrations/app-url";
import { allowedBy, parseEgressAllow } from "./allow-list";

export function isOwnOrListedOrigin(raw: string, sandboxPath: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (sandboxEnabled() && `${url.origin}${url.pathname}`.replace(/\/+$/, "").startsWith(`${appUrl()}${sandboxPath}`)) return true;
  const port = Number(url.port || (url.protocol === "https:" ? 443 : 80));
  return allowedBy(parseEgressAllow(env().EGRESS_ALLOW), { host: url.hostname, port }) !== null;
}
