// IPv6 spellings of non-public IPv4 addresses: the URL parser turns [::127.0.0.1] into [::7f00:1], which
// ipaddr.js classes as an ordinary unicast address; each must be refused (before connecting) like the
// IPv4 address it carries, and an allow-list entry for the IPv4 address must match it.
import net from "node:net";
import { describe, expect, it, vi } from "vitest";
import { allowedBy, canonicalAddress, isPublicAddress, parseEgressAllow } from "./egress-allow";
import { egressGet, EgressRefused } from "@/lib/net/egress";

describe("IPv6 literals", () => {
  it.each([
    ["::127.0.0.1", "127.0.0.1"],
    ["::7f00:1", "127.0.0.1"],
    ["0:0:0:0:0:0:7f00:1", "127.0.0.1"],
    ["::ffff:127.0.0.1", "127.0.0.1"],
    ["::ffff:7f00:1", "127.0.0.1"],
    ["0:0:0:0:0:ffff:a9fe:a9fe", "169.254.169.254"],
    ["::a9fe:a9fe", "169.254.169.254"],
    ["[::10.0.0.1]", "10.0.0.1"],
    ["::1", "::1"],
    ["::", "::"],
    ["FE80::1%eth0", "fe80::1"],
  ])("%s is checked as %s", (literal, canonical) => {
    expect(canonicalAddress(literal)?.toString()).toBe(canonical);
  });

  it.each(["::7f00:1", "::a9fe:a9fe", "::ffff:0:7f00:1", "64:ff9b::7f00:1", "2002:7f00:1::", "::a00:1", "::1", "::"])("%s is not public", (literal) => {
    expect(isPublicAddress(literal)).toBe(false);
  });

  it("leaves public addresses public, in either spelling", () => {
    expect(isPublicAddress("::808:808")).toBe(true);
    expect(isPublicAddress("2a00:1450:4001:82b::200e")).toBe(true);
    expect(isPublicAddress("8.8.8.8")).toBe(true);
  });

  it("matches an IPv4 allow-list entry however the address is spelled", () => {
    const rules = parseEgressAllow("127.0.0.1:8080");
    expect(allowedBy(rules, { host: "[::7f00:1]", port: 8080 })).not.toBeNull();
    expect(allowedBy(rules, { host: "x.test", address: "::ffff:7f00:1", port: 8080 })).not.toBeNull();
  });

  it.each(["https://[::127.0.0.1]/x.mp3", "https://[::7f00:1]:8443/x.mp3", "https://[0:0:0:0:0:0:a9fe:a9fe]/latest/meta-data/"])("egress refuses %s before connecting", async (url) => {
    const connect = vi.spyOn(net.Socket.prototype, "connect");
    const error = await egressGet(url, { maxBytes: 1024, timeoutMs: 5_000, allow: [] }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(EgressRefused);
    expect((error as Error).message).toMatch(/private, loopback/);
    expect(connect).not.toHaveBeenCalled();
    connect.mockRestore();
  });
});
