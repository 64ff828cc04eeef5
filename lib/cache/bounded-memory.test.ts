// Memory that anyone can fill stays bounded: caches are bounded by bytes and keys, strings by length.
// Measured in a child process with --expose-gc (testing/heap-probe.ts), heap after full collections.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { makeProject } from "@/testing/factories";

const ROOT = join(import.meta.dirname, "../..");
const MB = 1024 * 1024;

function probe(scenario: string, count: number, env: Record<string, string> = {}): Promise<{ before: number; after: number }> {
  const child = spawn(process.execPath, ["--expose-gc", "--import", "tsx", join(ROOT, "testing/heap-probe.ts"), scenario, String(count)], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env } });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) =>
    child.once("exit", (code) => {
      const match = /heap (\d+) (\d+)/.exec(output);
      if (code !== 0 || !match) return reject(new Error(`heap probe ${scenario} exited ${code}: ${output.slice(-2000)}`));
      resolve({ before: Number(match[1]), after: Number(match[2]) });
    }),
  );
}

describe("bounded memory", () => {
  it("keeps the heap within 10 MB after 3,000 unknown 12 KB webhook project keys", { timeout: 120_000 }, async () => {
    const { before, after } = await probe("unknown-keys", 3_000);
    expect((after - before) / MB).toBeLessThan(10);
  });

  it("keeps the heap within 10 MB after 500 dry runs with 200 KB caller and line", { timeout: 180_000 }, async () => {
    const created = await makeProject("Heap probe");
    const { id } = await db().project.findUniqueOrThrow({ where: { key: created.projectKey } });
    const { before, after } = await probe("dry-run-lines", 500, { PROBE_PROJECT_ID: id });
    expect((after - before) / MB).toBeLessThan(10);
  });
});
