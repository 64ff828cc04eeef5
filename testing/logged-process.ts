// A script started as a real process with its whole log kept — stdout and stderr, every byte — for
// tests that must read everything it printed (nothing secret may appear in any of it).
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { stopper } from "./processes";

const ROOT = join(import.meta.dirname, "..");

export interface LoggedProcess {
  child: ChildProcess;
  /** Everything printed on stdout and stderr so far. */
  log: () => string;
  /** Resolves with the first match of `pattern` in the log. */
  waitFor: (pattern: RegExp, timeoutMs?: number) => Promise<RegExpExecArray>;
  stop: () => Promise<void>;
}

export function startLogged(script: string, env: Record<string, string>): LoggedProcess {
  const child = spawn(process.execPath, ["--import", "tsx", join(ROOT, script)], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env } });
  let seen = "";
  const waiters = new Set<() => void>();
  const take = (chunk: Buffer) => {
    seen += chunk.toString();
    for (const waiter of waiters) waiter();
  };
  child.stdout!.on("data", take);
  child.stderr!.on("data", take);
  const waitFor = (pattern: RegExp, timeoutMs = 60_000) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const timer = setTimeout(() => done(new Error(`${script}: no ${pattern} within ${timeoutMs} ms:\n${seen.slice(-2000)}`)), timeoutMs);
      const exited = () => done(new Error(`${script} exited with ${child.exitCode}:\n${seen.slice(-2000)}`));
      const check = () => {
        const match = pattern.exec(seen);
        if (match) done(null, match);
      };
      function done(error: Error | null, match?: RegExpExecArray) {
        clearTimeout(timer);
        waiters.delete(check);
        child.off("exit", exited);
        if (error) reject(error);
        else resolve(match!);
      }
      waiters.add(check);
      child.once("exit", exited);
      check();
    });
  return { child, log: () => seen, waitFor, stop: stopper(child) };
}
