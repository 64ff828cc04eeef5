// The address a sign-in is counted under. One IPv6 client usually holds a whole /64 (any of its 2^64
// addresses is theirs to send from), so IPv6 addresses count by their /64; IPv4 addresses by themselves.
import ipaddr from "ipaddr.js";

export function throttleAddress(address: string | null): string | null {
  if (!address || !ipaddr.isValid(address)) return address;
  const parsed = ipaddr.process(address);
  if (parsed.kind() === "ipv4") return parsed.toString();
  const parts = (parsed as ipaddr.IPv6).parts.slice(0, 4);
  return `${new ipaddr.IPv6([...parts, 0, 0, 0, 0]).toString()}/64`;
}
