import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { makeMember, makeProject } from "@/testing/factories";
import { clientAddress } from "./client-address";
import { authenticate, SIGN_IN_ERRORS } from "./sign-in";
import { FREE_FAILURES_PER_ADDRESS, FREE_FAILURES_PER_EMAIL, FREE_FAILURES_PER_EMAIL_EVERYWHERE, signInWaitMs } from "./throttle-policy";

let addresses = 0;
const address = () => `127.1.${Math.floor(++addresses / 250)}.${addresses % 250}`;

async function member() {
  const project = await makeProject();
  return makeMember(project.projectKey, "ADMIN");
}

/** As if the last failures had happened `ms` earlier. */
const age = (where: { email: string } | { ip: string }, ms: number) =>
  db().$executeRaw`UPDATE "LoginAttempt" SET "createdAt" = "createdAt" - make_interval(secs => ${ms / 1000}) WHERE email = ${"email" in where ? where.email : ""} OR ip = ${"ip" in where ? where.ip : "-"}`;

describe("authenticate", () => {
  it("signs in with the right password, whatever the e-mail's case", async () => {
    const { email, password } = await member();
    const user = await authenticate({ email: email.toUpperCase(), password }, null);
    expect(user.email).toBe(email);
  });

  it("answers a wrong password and an unknown e-mail with the same error", async () => {
    const { email } = await member();
    await expect(authenticate({ email, password: "wrong-password" }, null)).rejects.toThrow(SIGN_IN_ERRORS.invalid);
    await expect(authenticate({ email: "nobody@example.test", password: "whatever-pass" }, null)).rejects.toThrow(SIGN_IN_ERRORS.invalid);
  });

  it("refuses malformed input without touching the database", async () => {
    await expect(authenticate({ email: "not-an-email" }, null)).rejects.toThrow(SIGN_IN_ERRORS.invalid);
    await expect(authenticate(undefined, null)).rejects.toThrow(SIGN_IN_ERRORS.invalid);
  });

  it("makes an e-mail wait after repeated failures from one address, and lets the right password in there once the wait is over", async () => {
    const { email, password } = await member();
    const from = address();
    for (let attempt = 0; attempt < FREE_FAILURES_PER_EMAIL; attempt++) {
      await expect(authenticate({ email, password: "wrong-password" }, from)).rejects.toThrow(SIGN_IN_ERRORS.invalid);
    }
    await expect(authenticate({ email, password }, from)).rejects.toThrow(SIGN_IN_ERRORS.throttled);
    await age({ email }, 2_000);
    await expect(authenticate({ email, password }, from)).resolves.toMatchObject({ email });
  });

  it("a wrong-password flood from one address does not lock the owner out elsewhere, nor clear the flooder's wait", async () => {
    const { email, password } = await member();
    const flooder = address();
    for (let attempt = 0; attempt < FREE_FAILURES_PER_EMAIL; attempt++) {
      await expect(authenticate({ email, password: "wrong-password" }, flooder)).rejects.toThrow(SIGN_IN_ERRORS.invalid);
    }
    // The flood so far, as on record (bcrypt makes a real one too slow to outrun the first waits in a test).
    await db().loginAttempt.createMany({ data: Array.from({ length: 10 }, () => ({ email: email.toLowerCase(), ip: flooder })) });
    await expect(authenticate({ email, password }, flooder)).rejects.toThrow(SIGN_IN_ERRORS.throttled);
    // The owner, at another address, signs in at once.
    await expect(authenticate({ email, password }, address())).resolves.toMatchObject({ email });
    // …and that does not give the flooder fresh tries.
    await expect(authenticate({ email, password: "wrong-password" }, flooder)).rejects.toThrow(SIGN_IN_ERRORS.throttled);
  });

  it("still makes an e-mail wait when many addresses guess it (a distributed guess), past a larger allowance", async () => {
    const { email, password } = await member();
    for (let attempt = 0; attempt < FREE_FAILURES_PER_EMAIL_EVERYWHERE; attempt++) {
      await expect(authenticate({ email, password: "wrong-password" }, address())).rejects.toThrow(SIGN_IN_ERRORS.invalid);
    }
    await expect(authenticate({ email, password }, address())).rejects.toThrow(SIGN_IN_ERRORS.throttled);
  });

  it("counts parallel guesses before checking them: a burst gets no more tries than one by one", async () => {
    const { email } = await member();
    const results = await Promise.allSettled(Array.from({ length: 12 }, (_, index) => authenticate({ email, password: `guess-${index}` }, null)));
    const reasons = results.map((result) => (result.status === "rejected" ? (result.reason as Error).message : "signed in"));
    expect(reasons.filter((reason) => reason === SIGN_IN_ERRORS.invalid)).toHaveLength(FREE_FAILURES_PER_EMAIL);
    expect(reasons.filter((reason) => reason === SIGN_IN_ERRORS.throttled)).toHaveLength(12 - FREE_FAILURES_PER_EMAIL);
  });

  it("throttles a known address that tries many accounts, and not the same person elsewhere", async () => {
    const from = address();
    const { email, password } = await member();
    for (let attempt = 0; attempt < FREE_FAILURES_PER_ADDRESS; attempt++) {
      await expect(authenticate({ email: `guess-${attempt}-${from}@example.test`, password: "wrong-password" }, from)).rejects.toThrow(SIGN_IN_ERRORS.invalid);
    }
    await expect(authenticate({ email, password }, from)).rejects.toThrow(SIGN_IN_ERRORS.throttled);
    await expect(authenticate({ email, password }, address())).resolves.toMatchObject({ email });
  });

  it("clears an e-mail's failures after a successful sign-in", async () => {
    const { email, password } = await member();
    for (let attempt = 0; attempt < FREE_FAILURES_PER_EMAIL - 1; attempt++) {
      await expect(authenticate({ email, password: "wrong-password" }, null)).rejects.toThrow();
    }
    await authenticate({ email, password }, null);
    await expect(authenticate({ email, password: "wrong-password" }, null)).rejects.toThrow(SIGN_IN_ERRORS.invalid);
    await expect(authenticate({ email, password }, null)).resolves.toMatchObject({ email });
  });
});

describe("sign-in waits", () => {
  const now = new Date("2026-11-26T12:00:00Z");
  const ago = (ms: number) => new Date(now.getTime() - ms);

  it("grow with each failure past the free ones, up to 15 minutes, counted from the last failure", () => {
    expect(signInWaitMs({ count: 3, lastAt: ago(0) }, 4, now)).toBe(0);
    expect(signInWaitMs({ count: 4, lastAt: ago(0) }, 4, now)).toBe(2_000);
    expect(signInWaitMs({ count: 5, lastAt: ago(1_000) }, 4, now)).toBe(3_000);
    expect(signInWaitMs({ count: 6, lastAt: ago(9_000) }, 4, now)).toBe(0);
    expect(signInWaitMs({ count: 40, lastAt: ago(0) }, 4, now)).toBe(15 * 60_000);
  });
});

describe("client address", () => {
  // Loopback addresses stand in for clients and proxies: only header values, nothing is connected to.
  const from = (peer: string, forwardedFor?: string) => ({ "x-callbridge-peer": peer, ...(forwardedFor ? { "x-forwarded-for": forwardedFor } : {}) });
  const PROXIES = "127.0.5.0/24";

  it("is the socket's peer, whatever X-Forwarded-For a client sends, unless the peer is a listed proxy", () => {
    expect(clientAddress(from("127.0.7.20", "127.0.8.9"), undefined)).toBe("127.0.7.20");
    expect(clientAddress(from("::ffff:127.0.7.20"), undefined)).toBe("127.0.7.20");
    expect(clientAddress(from("127.0.7.20", "127.0.8.9"), PROXIES)).toBe("127.0.7.20");
    expect(clientAddress({ "x-forwarded-for": "127.0.8.9" }, undefined)).toBeNull();
  });

  it("behind listed proxies, is the last address before them, whatever the client put in front", () => {
    expect(clientAddress(from("127.0.5.2", "127.0.9.4, 127.0.8.9, 127.0.5.5"), PROXIES)).toBe("127.0.8.9");
    expect(clientAddress(from("127.0.5.2", "spoofed, 127.0.7.7"), PROXIES)).toBe("127.0.7.7");
    expect(clientAddress(from("127.0.5.2", "127.0.5.3"), PROXIES)).toBeNull();
  });
});

describe("throttle address", () => {
  it("counts an IPv6 client by its /64 and an IPv4 client by its address", async () => {
    const { throttleAddress } = await import("./throttle-address");
    expect(throttleAddress("2001:db8:1:2:aaaa::1")).toBe(throttleAddress("2001:db8:1:2:ffff:1:2:3"));
    expect(throttleAddress("2001:db8:1:2::1")).toBe("2001:db8:1:2::/64");
    expect(throttleAddress("2001:db8:1:3::1")).not.toBe(throttleAddress("2001:db8:1:2::1"));
    expect(throttleAddress("127.0.3.4")).toBe("127.0.3.4");
    expect(throttleAddress(null)).toBeNull();
  });
});
