// Scripts started as real processes by tests and benchmarks: a tsx script that prints "listening <port>"
// once it accepts connections; stopped by SIGTERM (graceful) or SIGKILL (a crash).
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";

const ROOT = join(import.meta.dirname, "..");

export interface Running {
  url: string;
  child: ChildProcess;
  /** SIGTERM, then waits for the exit. */
  stop: () => Promise<void>;
  /** What the process printed so far. */
  output: () => string;
}

export function stopper(child: ChildProcess, signal: NodeJS.Signals = "SIGTERM") {
  return () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill(signal);
    });
}

/** `ready` is the line the script prints when it serves or works; a number in it is the port it listens on. */
export async function startScript(script: string, env: Record<string, string> = {}, ready = /listening (\d+)/): Promise<Running> {
  // Node itself with tsx as a loader (not the tsx wrapper), so signals reach the script and its exit code is its own.
  const child = spawn(process.execPath, ["--import", "tsx", join(ROOT, script)], { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, ...env } });
  let seen = "";
  const port = await new Promise<string | undefined>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      seen += chunk.toString();
      const match = ready.exec(seen);
      if (match) resolve(match[1]);
    });
    child.once("exit", (code) => reject(new Error(`${script} exited with code ${code}: ${seen.trim().split("\n").at(-1) ?? ""}`)));
  });
  return { url: port ? `http://127.0.0.1:${port}` : "", child, stop: stopper(child), output: () => seen };
}
