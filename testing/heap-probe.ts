// Measures what a scenario leaves on the heap of a fresh process (run with --expose-gc): the heap after
// full collections before and after it, in bytes, printed as "heap <before> <after>". Used by
// lib/cache/bounded-memory.test.ts; a child process, so the test runner's own garbage does not count.
import { randomBytes } from "node:crypto";
import { simulateEvent } from "@/lib/engine/simulate";
import { webhookProject } from "@/lib/events/webhook-project";

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with --expose-gc");

async function settledHeap(): Promise<number> {
  // Several rounds with a turn of the event loop between: finalizers and weak references settle.
  for (let round = 0; round < 4; round++) {
    gc!();
    await new Promise((resolve) => setImmediate(resolve));
  }
  return process.memoryUsage().heapUsed;
}

let run = 0;
const scenarios: Record<string, (count: number) => Promise<void>> = {
  /** 3,000 made-up 12 KB project keys, as anyone can post them to the webhook. */
  async "unknown-keys"(count = 3_000) {
    for (let index = 0; index < count; index++) await webhookProject(randomBytes(6_000).toString("hex"));
  },
  /** 500 dry runs of calls whose line is 200 KB of digits (a VIEWER can post them). */
  async "dry-run-lines"(count = 500) {
    const project = { id: process.env.PROBE_PROJECT_ID!, defaultCountry: "UA", timezone: "Europe/Kyiv" };
    run++;
    for (let index = 0; index < count; index++) {
      // Every line differs (also between runs), as an attacker's would.
      const line = `+38067${run}${String(index).padStart(6, "0")}${"1".repeat(200 * 1024)}`;
      const call = { id: `probe-${index}`, type: "call", direction: "incoming", status: "answered", startedAt: "2026-11-21T10:00:00Z", caller: line, callee: line, line };
      await simulateEvent(project, call).catch(() => undefined);
    }
  },
};

const scenario = scenarios[process.argv[2] ?? ""];
if (!scenario) throw new Error(`unknown scenario ${process.argv[2]}`);
// A short first run warms up code and pools, so the measurement counts what the scenario keeps, not what loading costs.
await scenario(10);
const before = await settledHeap();
await scenario(Number(process.argv[3]));
const after = await settledHeap();
// The parent reads this line; it is the probe's answer, not a log line.
process.stdout.write(`heap ${before} ${after}\n`);
process.exit(0);
