// The servers a benchmark measures, each in its own process: the production build under `next start`
// (built first when the sources changed), and small node:http servers started through tsx.
import { spawn, spawnSync } from "node:child_process";
import { stopper, type Running } from "../../testing/processes";
import { buildIsCurrent, NEXT_BIN, waitUntilHealthy } from "../../scripts/next-app";

export type { Running };

/** `next start` of the production build plus the benchmark's own no-op routes: BENCH_ROUTES=on builds into
 *  .next-bench with app/api/bench/**\/route.bench.ts, which the product's build (.next) leaves out. */
export async function startProductionApp(port: number, env: Record<string, string> = {}): Promise<Running> {
  if (!buildIsCurrent(".next-bench")) {
    const build = spawnSync(NEXT_BIN, ["build"], { stdio: "inherit", env: { ...process.env, BENCH_ROUTES: "on" } });
    if (build.status !== 0) throw new Error("next build failed");
  }
  const url = `http://127.0.0.1:${port}`;
  // BENCH_CPU_PROF=<folder> writes a V8 CPU profile of the app there when it stops (finding hot spots).
  const profile = process.env.BENCH_CPU_PROF ? ["--cpu-prof", "--cpu-prof-dir", process.env.BENCH_CPU_PROF] : [];
  const child = spawn(process.execPath, [...profile, NEXT_BIN, "start", "-p", String(port), "-H", "127.0.0.1"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, BENCH_ROUTES: "on", DELIVERY_CONCURRENCY: "0", NEXTAUTH_URL: url, ...env },
  });
  await waitUntilHealthy(url, child);
  return { url, child, stop: stopper(child), output: () => "" };
}

export { startScript } from "../../testing/processes";
