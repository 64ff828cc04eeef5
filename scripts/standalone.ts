// `npm run standalone`: builds Next's standalone output when it is missing (or with `--build`) —
// NEXT_OUTPUT=standalone next build, then the static assets and public/ copied beside the server, as a
// deployment must — and runs scripts/standalone.test.ts, which starts it with plain
// `node .next/standalone/server.js` and checks it with real traffic (the container's web process
// without a container runtime).
import { spawnSync } from "node:child_process";
import { cpSync, existsSync } from "node:fs";
import { join } from "node:path";
import { complain } from "./cli-output";
import { ROOT } from "./local-env";
import { NEXT_BIN } from "./next-app";

const SERVER = join(ROOT, ".next/standalone/server.js");

/**
 * next.config.js validates the environment, so a build in a shell that has none (CI, a fresh clone) gets
 * placeholders, as the Dockerfile's build stage does; the server reads the real values when it starts.
 */
const BUILD_PLACEHOLDERS = {
  DATABASE_URL: "postgresql://build:build@127.0.0.1:5432/build",
  NEXTAUTH_SECRET: "build-time-placeholder-not-used-at-run-time",
  CRON_SECRET: "build-time-placeholder-not-used-at-run-time",
  ENCRYPTION_KEY: "AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE=",
};

if (process.argv.includes("--build") || !existsSync(SERVER)) {
  const build = spawnSync(NEXT_BIN, ["build"], { cwd: ROOT, stdio: "inherit", env: { ...BUILD_PLACEHOLDERS, ...process.env, NEXT_OUTPUT: "standalone", NODE_ENV: "production" } });
  if (build.status !== 0) {
    complain(`next build exited with ${build.status}`);
    process.exit(1);
  }
}
cpSync(join(ROOT, ".next/static"), join(ROOT, ".next/standalone/.next/static"), { recursive: true });
if (existsSync(join(ROOT, "public"))) cpSync(join(ROOT, "public"), join(ROOT, ".next/standalone/public"), { recursive: true });
const run = spawnSync(join(ROOT, "node_modules/.bin/vitest"), ["run", "scripts/standalone.test.ts"], { cwd: ROOT, stdio: "inherit", env: { ...process.env, STANDALONE_REQUIRED: "1" } });
process.exit(run.status ?? 1);
