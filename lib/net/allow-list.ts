// The operator's egress allow-list (EGRESS_ALLOW): hosts, addresses or CIDR ranges, each optionally
// with a port, that server-side fetches may reach although they are private or plain http — e.g.
// "127.0.0.1:3000,10.0.0.0/8,pbx.internal". The demo and the tests list their own loopback servers.
import ipaddr from "ipaddr.js";

export interface EgressRule {
  /** A host name (lower case), or null for an address rule. */
  host: string | null;
  /** An address range, or null for a host rule. */
  range: [ipaddr.IPv4 | ipaddr.IPv6, number] | null;
  port: number | null;
  text: string;
}

function parseRule(text: string): EgressRule {
  let target = text;
  let port: number | null = null;
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
  const hostPort = /^([^:/]+|[^:]+\/\d+)(?::(\d+))?$/.exec(text);
  if (bracketed) [target, port] = [bracketed[1]!, bracketed[2] ? Number(bracketed[2]) : null];
  else if (!ipaddr.isValid(text) && hostPort) [target, port] = [hostPort[1]!, hostPort[2] ? Number(hostPort[2]) : null];
  if (port !== null && (port < 1 || port > 65535)) throw new Error(`"${text}": the port must be 1–65535`);
  if (target.includes("/")) {
    try {
      return { host: null, range: ipaddr.parseCIDR(target), port, text };
    } catch {
      throw new Error(`"${text}" is not a CIDR range such as 10.0.0.0/8`);
    }
  }
  const address = canonicalAddress(target);
  if (address) {
    return { host: null, range: [address, address.kind() === "ipv4" ? 32 : 128], port, text };
  }
  if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i.test(target)) throw new Error(`"${text}" is neither a host name, an address nor a CIDR range`);
  return { host: target.toLowerCase(), range: null, port, text };
}

/** Parses a comma-separated list; throws naming the first bad entry. */
export function parseEgressAllow(value: string | undefined): EgressRule[] {
  return (value ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map(parseRule);
}

/**
 * An address literal in the one form every check compares: brackets and zone id dropped, and an IPv4
 * address carried in IPv6 (IPv4-mapped ::ffff:a.b.c.d, or the deprecated IPv4-compatible ::a.b.c.d, which
 * the URL parser writes as ::7f00:1 and ipaddr.js would class as unicast) as that IPv4 address, since that
 * is where the connection goes. Null when it is not an address.
 */
export function canonicalAddress(literal: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  const bare = literal.trim().replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  if (!ipaddr.isValid(bare)) return null;
  const parsed = ipaddr.process(bare);
  if (parsed.kind() === "ipv4") return parsed;
  const parts = (parsed as ipaddr.IPv6).parts;
  // ::/96 except :: and ::1 (unspecified, loopback keep their own meaning).
  const compatible = parts.slice(0, 6).every((part) => part === 0) && (parts[6]! !== 0 || parts[7]! > 1);
  if (compatible) return ipaddr.fromByteArray((parsed as ipaddr.IPv6).toByteArray().slice(12));
  return parsed;
}

/** Whether a rule names this host (by name, or its address by range) and port. */
export function allowedBy(rules: EgressRule[], target: { host: string; address?: string; port: number }): EgressRule | null {
  const host = target.host.toLowerCase().replace(/^\[|\]$/g, "");
  const parsed = canonicalAddress(target.address ?? host);
  return (
    rules.find((rule) => {
      if (rule.port !== null && rule.port !== target.port) return false;
      if (rule.host) return rule.host === host;
      return parsed !== null && rule.range !== null && parsed.kind() === rule.range[0].kind() && parsed.match(rule.range);
    }) ?? null
  );
}

const parsedLists = new Map<string, EgressRule[]>();

/** A list from the environment, parsed once per distinct value (env() has validated it). */
export function parsedRuleList(value: string | undefined): EgressRule[] {
  const key = value ?? "";
  let rules = parsedLists.get(key);
  if (!rules) parsedLists.set(key, (rules = parseEgressAllow(key)));
  return rules;
}

/** The port a URL connects to. */
export const urlPort = (url: URL) => Number(url.port || (url.protocol === "https:" ? 443 : 80));

/** Public unicast addresses only: private, loopback, link-local (cloud metadata), CGNAT, reserved and the like are not. */
export function isPublicAddress(address: string): boolean {
  return canonicalAddress(address)?.range() === "unicast";
}
