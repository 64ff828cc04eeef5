// A connection the server terminates while a process starts (57P01, what a restarting or stopping
// cluster sends) is tried again; failures are described in words, never as `undefined`.
import pg from "pg";
import { describe, expect, it } from "vitest";
import { describeError, retryWhileStarting } from "./startup-errors";

describe("start-up errors", () => {
  it("a connection terminated by the server is retried, not fatal", async () => {
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    let attempts = 0;
    const lines: string[] = [];
    try {
      const answer = await retryWhileStarting(async () => {
        attempts++;
        const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
        client.on("error", () => undefined);
        await client.connect();
        try {
          const pid = (await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;
          // The first attempt's backend is terminated by the server, as a fast shutdown does.
          if (attempts === 1) {
            await admin.query("SELECT pg_terminate_backend($1)", [pid]);
            // pg_terminate_backend only signals the backend: wait until it is gone, or a loaded machine
            // may still answer the next statement on it and the test would see no termination at all.
            while ((await admin.query("SELECT 1 FROM pg_stat_activity WHERE pid = $1", [pid])).rowCount) await new Promise((resolve) => setTimeout(resolve, 10));
          }
          return (await client.query<{ n: number }>("SELECT 1 AS n")).rows[0]!.n;
        } finally {
          await client.end().catch(() => undefined);
        }
      }, (line) => lines.push(line));
      expect([answer, attempts]).toEqual([1, 2]);
      // The server's own words, or node-postgres's for the connection it has already seen end.
      expect(lines[0]).toMatch(/terminating connection due to administrator command|Connection terminated unexpectedly|connection error and is not queryable/);
    } finally {
      await admin.end();
    }
  });

  it("an error that is not about start-up is not retried", async () => {
    let attempts = 0;
    const failing = retryWhileStarting(async () => {
      attempts++;
      throw Object.assign(new Error('relation "nothing" does not exist'), { code: "42P01" });
    });
    await expect(failing).rejects.toThrow(/does not exist/);
    expect(attempts).toBe(1);
  });

  it("describes what node and node-postgres throw without a message", () => {
    expect(describeError(undefined)).not.toBe("undefined");
    const refused = new AggregateError([Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" })], "");
    expect(describeError(refused)).toContain("ECONNREFUSED 127.0.0.1:1");
    expect(describeError(Object.assign(new Error("password authentication failed"), { code: "28P01", detail: "d" }))).toBe("password authentication failed (28P01)\nDETAIL: d");
  });
});
