// Runs `prisma generate` without Prisma's native schema engine, which would be downloaded from
// outside the npm registry (unreachable here). Generation does not need it, but the CLI looks for
// it: a placeholder that exits 1 satisfies the lookup and makes any accidental use fail loudly.
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const dir = join(tmpdir(), "callbridge-prisma");
const placeholder = join(dir, "schema-engine-placeholder");
if (!existsSync(placeholder)) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(placeholder, "#!/bin/sh\necho 'schema engine not available: use npm run db:migrate / db:deploy' >&2\nexit 1\n");
  chmodSync(placeholder, 0o755);
}
const result = spawnSync("npx", ["prisma", "generate"], {
  stdio: "inherit",
  env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: placeholder, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" },
});
process.exit(result.status ?? 1);
