// Runs every e2e spec file on its own, each against a fresh database and app (the e2e server's own set-up),
// so that a spec leaning on what another left behind fails here even when the whole suite passes in order.
// `npm run test:e2e:each [spec …]`; exits non-zero when any spec fails alone.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";

const ROOT = join(import.meta.dirname, "..");
const given = process.argv.slice(2);
const specs = given.length ? given : readdirSync(join(ROOT, "e2e")).filter((name) => name.endsWith(".spec.ts")).sort().reverse().map((name) => `e2e/${name}`);

const results: Array<{ spec: string; ok: boolean; seconds: number }> = [];
for (const spec of specs) {
  const started = Date.now();
  const run = spawnSync(join(ROOT, "node_modules/.bin/playwright"), ["test", spec], { cwd: ROOT, stdio: "inherit", env: process.env });
  results.push({ spec, ok: run.status === 0, seconds: Math.round((Date.now() - started) / 1000) });
}
for (const result of results) console.log(`${result.ok ? "passed" : "FAILED"}  ${result.spec} alone (${result.seconds} s)`);
const failed = results.filter((result) => !result.ok).length;
console.log(`e2e each alone: ${results.length - failed} of ${results.length} spec files pass on their own`);
process.exit(failed ? 1 : 0);
