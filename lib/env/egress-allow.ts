// The operator's egress allow-lists (EGRESS_ALLOW_CRM, EGRESS_ALLOW_RECORDINGS, lib/net/purposes.ts):
// hosts, addresses or CIDR ranges with a port (or a port range), that server-side fetches may reach
// although they are private or plain http — e.g. "127.0.0.1:3000,10.0.0.0/8:443,pbx.internal:8443".
// The demo and the tests list their own loopback servers.
import ipaddr from "ipaddr.js";

export interface EgressRule {
  /** A host name (lower case), or null for an address rule. */
  host: string | null;
  /** An address range, or null for a host rule. */
  range: [ipaddr.IPv4 | ipaddr.IPv6, number] | null;
  /** The ports the rule opens (from, to inclusive), or null for any port (only the deprecated EGRESS_ALLOW). */
  ports: [number, number] | null;
  text: string;
}

function portRange(text: string, written: string | undefined): [number, number] | null {
  if (!written) return null;
  const [from, to = from] = written.split("-").map(Number) as [number, number, number?];
  if (from < 1 || to > 65535 || from > to) throw new Error(`"${text}": the port must be 1–65535 (a range as 1024-65535)`);
  return [from, to];
}

function parseRule(text: string, requirePort: boolean): EgressRule {
  let target = text;
  let written: string | undefined;
  const bracketed = /^\[([^\]]+)\](?::(\d+(?:-\d+)?))?$/.exec(text);
  const hostPort = /^([^:/]+|[^:]+\/\d+)(?::(\d+(?:-\d+)?))?$/.exec(text);
  if (bracketed) [target, written] = [bracketed[1]!, bracketed[2]];
  else if (!ipaddr.isValid(text) && hostPort) [target, written] = [hostPort[1]!, hostPort[2]];
  const ports = portRange(text, written);
  // A list per purpose opens one service, not every port of a host (an internal admin port beside it).
  if (requirePort && !ports) throw new Error(`"${text}" needs its port, e.g. ${target.includes(":") ? `[${target}]` : target}:443`);
  if (target.includes("/")) {
    try {
      return { host: null, range: ipaddr.parseCIDR(target), ports, text };
    } catch {
      throw new Error(`"${text}" is not a CIDR range such as 10.0.0.0/8`);
    }
  }
  const address = canonicalAddress(target);
  if (address) {
    return { host: null, range: [address, address.kind() === "ipv4" ? 32 : 128], ports, text };
  }
  if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i.test(target)) throw new Error(`"${text}" is neither a host name, an address nor a CIDR range`);
  return { host: target.toLowerCase(), range: null, ports, text };
}

/** Parses a comma-separated list; throws naming the first bad entry (or one without a port, when required). */
export function parseEgressAllow(value: string | undefined, { requirePort = false } = {}): EgressRule[] {
  return (value ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => parseRule(entry, requirePort));
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
      if (rule.ports !== null && (target.port < rule.ports[0] || target.port > rule.ports[1])) return false;
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
