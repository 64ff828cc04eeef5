// Addresses outside a CRM vendor's own domains that a CRM connection may still use: the built-in sandbox
// CRMs on this app's own origin (only while they are switched on), and hosts the operator lists in
// EGRESS_ALLOW (self-hosted test CRMs, the tests' loopback sandboxes). Everything else must be the vendor's.
import { env, sandboxEnabled } from "@/lib/env";
import { appUrl } from "@/lib/integrations/app-url";
import { allowedBy, parsedRuleList, urlPort } from "./allow-list";

export function isOwnOrListedOrigin(raw: string, sandboxPath: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (sandboxEnabled() && `${url.origin}${url.pathname}`.replace(/\/+$/, "").startsWith(`${appUrl()}${sandboxPath}`)) return true;
  return allowedBy(parsedRuleList(env().EGRESS_ALLOW), { host: url.hostname, port: urlPort(url) }) !== null;
}
