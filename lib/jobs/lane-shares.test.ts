// The per-process share of delivery lanes (lane-shares.ts), on a controlled clock.
import { describe, expect, it } from "vitest";
import { LaneShares, RECENT_MS } from "./lane-shares";

describe("LaneShares", () => {
  it("a lone project may use every lane", () => {
    const shares = new LaneShares(4);
    for (let lane = 0; lane < 3; lane++) {
      expect(shares.excluded().first).toEqual([]);
      shares.take("a");
    }
    // The last free lane goes first to a project holding none, then, if none waits, to it.
    expect(shares.excluded()).toEqual({ first: ["a"], fallback: [] });
  });

  it("two projects: each stops at half, the last lane is kept for a newcomer first", () => {
    const shares = new LaneShares(16);
    for (let lane = 0; lane < 8; lane++) shares.take("a");
    for (let lane = 0; lane < 7; lane++) shares.take("b");
    expect(shares.share()).toBe(8);
    expect(shares.excluded()).toEqual({ first: ["a", "b"], fallback: ["a"] });
  });

  it("a project with a trickle of events keeps a lane free for a while after its job ends", () => {
    let now = 0;
    const shares = new LaneShares(16, () => now);
    shares.take("b");
    shares.take("c");
    shares.release("c");
    // a and b hold lanes; c held one a moment ago: one lane stays free for it.
    shares.take("a");
    expect(shares.share()).toBe(7);
    for (let lane = 0; lane < 6; lane++) shares.take("a");
    expect(shares.excluded().first).toEqual(["a"]);
    now += RECENT_MS - 1;
    expect(shares.excluded().first).toEqual(["a"]);
    now += 2;
    expect(shares.share()).toBe(8);
    expect(shares.excluded().first).toEqual([]);
  });
});
