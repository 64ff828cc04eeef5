import { describe, expect, it } from "vitest";
import { TokenHolder } from "./token-holder";

describe("TokenHolder", () => {
  it("keeps a token until a minute before it expires, then asks once for all callers at the same time", async () => {
    let issued = 0;
    const holder = new TokenHolder({ accessToken: "first", expiresAt: Date.now() + 30_000 }, async () => {
      issued++;
      await new Promise((resolve) => setTimeout(resolve, 20));
      return { accessToken: `new-${issued}`, expiresAt: Date.now() + 3_600_000 };
    });
    expect(await Promise.all(Array.from({ length: 10 }, () => holder.token()))).toEqual(Array(10).fill("new-1"));
    expect(issued).toBe(1);
    expect(await holder.token()).toBe("new-1");
    expect(await Promise.all([holder.refresh(), holder.refresh()])).toEqual(["new-2", "new-2"]);
    expect(issued).toBe(2);
  });

  it("a failed refresh is not remembered: the next caller asks again", async () => {
    let calls = 0;
    const holder = new TokenHolder(null, async () => {
      calls++;
      if (calls === 1) throw new Error("accounts server down");
      return { accessToken: "ok", expiresAt: Date.now() + 3_600_000 };
    });
    await expect(holder.token()).rejects.toThrow("accounts server down");
    expect(await holder.token()).toBe("ok");
  });
});
