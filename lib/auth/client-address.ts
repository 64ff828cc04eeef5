// The sign-in client's address, for throttling by address: the TCP peer (stamped by this server, see
// lib/net/peer-address.ts). When the peer is one of the reverse proxies the operator names
// (TRUSTED_PROXIES), the client is the last address in X-Forwarded-For that is not one of them; a
// client-sent X-Forwarded-For is never believed otherwise.
import ipaddr from "ipaddr.js";
import { env } from "@/lib/env";
import { allowedBy, parsedRuleList } from "@/lib/env/egress-allow";
import { PEER_HEADER } from "@/lib/net/peer-address";

type Headers = Record<string, string | string[] | undefined> | undefined;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value.join(",") : (value ?? ""));

export function clientAddress(headers: Headers, trustedProxies = env().TRUSTED_PROXIES): string | null {
  const peer = first(headers?.[PEER_HEADER]).trim();
  if (!ipaddr.isValid(peer)) return null;
  const trusted = parsedRuleList(trustedProxies);
  const isTrusted = (address: string) => allowedBy(trusted, { host: address, port: 0 }) !== null;
  const normal = (address: string) => ipaddr.process(address).toString();
  if (!isTrusted(normal(peer))) return normal(peer);
  // Behind our own proxies: from the nearest hop back, the first address that is not one of them.
  const forwarded = first(headers?.["x-forwarded-for"])
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => ipaddr.isValid(entry))
    .map(normal);
  return forwarded.reverse().find((address) => !isTrusted(address)) ?? null;
}
