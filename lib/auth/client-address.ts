// The sign-in client's address, for throttling by address. X-Forwarded-For is written by whoever sends
// the request, so it is read only when the operator names the proxies in front of the app
// (TRUSTED_PROXIES): the client is then the last address in the chain that is not one of them.
// Without that list the address is unknown (null) and sign-ins are throttled per e-mail only.
import ipaddr from "ipaddr.js";
import { env } from "@/lib/env";
import { allowedBy, parseEgressAllow } from "@/lib/net/allow-list";

export function clientAddress(forwardedFor: string | string[] | undefined, trustedProxies = env().TRUSTED_PROXIES): string | null {
  if (!trustedProxies) return null;
  const trusted = parseEgressAllow(trustedProxies);
  const chain = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? ""))
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => ipaddr.isValid(entry));
  for (let index = chain.length - 1; index >= 0; index--) {
    const address = ipaddr.process(chain[index]!).toString();
    if (!allowedBy(trusted, { host: address, port: 0 })) return address;
  }
  return null;
}
