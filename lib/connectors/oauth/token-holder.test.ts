import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { TokenHolder } from "./token-holder";
import { processTokenStore } from "./token-store";

const grant = () => `test:${randomBytes(6).toString("hex")}`;
const hour = () => Date.now() + 3_600_000;

describe("TokenHolder", () => {
  it("keeps a token until a minute before it expires, then asks once for all callers at the same time", async () => {
    let issued = 0;
    const holder = new TokenHolder(processTokenStore(grant()), { accessToken: "first", expiresAt: Date.now() + 30_000 }, async () => {
      issued++;
      await new Promise((resolve) => setTimeout(resolve, 20));
      return { token: { accessToken: `new-${issued}`, expiresAt: hour() }, credentials: null };
    });
    expect(await Promise.all(Array.from({ length: 10 }, () => holder.token()))).toEqual(Array(10).fill("new-1"));
    expect(issued).toBe(1);
    expect(await holder.token()).toBe("new-1");
    // The CRM refused new-1: both callers share one renewal.
    expect(await Promise.all([holder.refresh("new-1"), holder.refresh("new-1")])).toEqual(["new-2", "new-2"]);
    expect(issued).toBe(2);
  });

  it("a failed refresh is not remembered: the next caller asks again", async () => {
    let calls = 0;
    const holder = new TokenHolder(processTokenStore(grant()), null, async () => {
      calls++;
      if (calls === 1) throw new Error("accounts server down");
      return { token: { accessToken: "ok", expiresAt: hour() }, credentials: null };
    });
    await expect(holder.token()).rejects.toThrow("accounts server down");
    expect(await holder.token()).toBe("ok");
  });

  it("connectors of one grant share the stored token; after a refusal the newer stored token is taken without asking", async () => {
    const key = grant();
    let issued = 0;
    const issue = async () => ({ token: { accessToken: `t${++issued}`, expiresAt: hour() }, credentials: null });
    const first = new TokenHolder(processTokenStore(key), null, issue);
    const second = new TokenHolder(processTokenStore(key), null, issue);
    expect(await first.token()).toBe("t1");
    expect(await second.token()).toBe("t1");
    // first is refused t1 and renews; second, refused t1 a moment later, takes t2 instead of a third token.
    expect(await first.refresh("t1")).toBe("t2");
    expect(await second.refresh("t1")).toBe("t2");
    expect(issued).toBe(2);
    // Refused the stored token itself: now the CRM is asked.
    expect(await second.refresh("t2")).toBe("t3");
  });
});
