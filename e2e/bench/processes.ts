// The servers a benchmark measures, each in its own process: the production build under `next start`
// (built first when the sources changed), and small node:http servers started through tsx.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { buildIsCurrent, NEXT_BIN, waitUntilHealthy } from "../../scripts/next-app";
import { ROOT } from "../../scripts/local-env";

export interface Running {
  url: string;
  stop: () => Promise<void>;
}

function stopper(child: ChildProcess) {
  return async () => {
    if (child.exitCode !== null) return;
    child.kill("SIGTERM");
    await new Promise((resolve) => child.once("exit", resolve));
  };
}

/** `next start` of the production build, with the benchmark's own no-op route switched on. */
export async function startProductionApp(port: number, env: Record<string, string> = {}): Promise<Running> {
  if (!buildIsCurrent()) {
    const build = spawnSync(NEXT_BIN, ["build"], { stdio: "inherit", env: process.env });
    if (build.status !== 0) throw new Error("next build failed");
  }
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(NEXT_BIN, ["start", "-p", String(port), "-H", "127.0.0.1"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, BENCH_ROUTES: "on", DELIVERY_CONCURRENCY: "0", NEXTAUTH_URL: url, ...env },
  });
  await waitUntilHealthy(url, child);
  return { url, stop: stopper(child) };
}

/** A tsx script that prints "listening <port>" once it accepts connections. */
export async function startScript(script: string, env: Record<string, string> = {}): Promise<Running> {
  const child = spawn(join(ROOT, "node_modules/.bin/tsx"), [join(ROOT, script)], { stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, ...env } });
  const port = await new Promise<number>((resolve, reject) => {
    let seen = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /listening (\d+)/.exec(seen);
      if (match) resolve(Number(match[1]));
    });
    child.once("exit", (code) => reject(new Error(`${script} exited with code ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}`, stop: stopper(child) };
}
