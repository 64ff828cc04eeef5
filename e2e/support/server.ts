// The app under e2e test: a throwaway PostgreSQL, migrations, fixtures, a production build, next start.
// Playwright starts this as its webServer and stops it (and with it the database) at the end.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmod, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { startEmbeddedPostgres } from "../../lib/db/embedded";
import { deployMigrations } from "../../lib/db/migrate";
import { buildIsCurrent, NEXT_BIN, waitUntilHealthy } from "../../scripts/next-app";
import { ALERTS_PROJECT, DOOMED_PROJECT, E2E_BASE_URL, E2E_PORT, OTHER_PROJECT, OVERVIEW_PROJECT, PASSWORD, PROJECT, STATE_FILE, STRANGER_PROJECT, USERS } from "./fixtures";

const dataDir = await mkdtemp(join(tmpdir(), "callbridge-e2e-pg-"));
await chmod(dataDir, 0o755);
const database = await startEmbeddedPostgres({ dataDir: join(dataDir, "cluster"), persistent: false, database: "callbridge_e2e" });

Object.assign(process.env, {
  DATABASE_URL: database.url,
  NEXTAUTH_SECRET: randomBytes(32).toString("hex"),
  NEXTAUTH_URL: E2E_BASE_URL,
  ENCRYPTION_KEY: randomBytes(32).toString("base64"),
  CRON_SECRET: randomBytes(32).toString("hex"),
  PORT: String(E2E_PORT),
  SANDBOX_CRM: "on",
  SANDBOX_CRM_IN_PRODUCTION: "yes",
  // The sandbox CRMs are the app's own origin (allowed while SANDBOX_CRM is on); recordings come from it too.
  EGRESS_ALLOW_CRM: `127.0.0.1:${E2E_PORT},localhost:${E2E_PORT}`,
  EGRESS_ALLOW_RECORDINGS: `127.0.0.1:${E2E_PORT},localhost:${E2E_PORT}`,
  // Deliveries run only when a test asks (deliveries/run), so what a test sees does not race a worker.
  DELIVERY_CONCURRENCY: "0",
});

await deployMigrations(database.url);
const { createProject } = await import("../../lib/projects/create-project");
const { createUser } = await import("../../lib/projects/create-user");
const { disconnectDb } = await import("../../lib/db/client");
const apiTokens: Record<string, string> = {};
for (const project of [PROJECT, OTHER_PROJECT, STRANGER_PROJECT, DOOMED_PROJECT, OVERVIEW_PROJECT, ALERTS_PROJECT]) {
  const created = await createProject({ name: project.name, timezone: "Europe/Kyiv", defaultCountry: "UA" }, { actor: "e2e", key: project.key });
  apiTokens[project.key] = created.apiToken;
}
for (const user of Object.values(USERS)) {
  await createUser({ email: user.email, password: PASSWORD, projectKey: PROJECT.key, role: user.role }, { actor: "e2e" });
}
await createUser({ email: USERS.owner.email, password: PASSWORD, projectKey: OTHER_PROJECT.key, role: "OWNER" }, { actor: "e2e" });
await createUser({ email: USERS.owner.email, password: PASSWORD, projectKey: DOOMED_PROJECT.key, role: "OWNER" }, { actor: "e2e" });
await createUser({ email: USERS.admin.email, password: PASSWORD, projectKey: DOOMED_PROJECT.key, role: "ADMIN" }, { actor: "e2e" });
await createUser({ email: USERS.owner.email, password: PASSWORD, projectKey: OVERVIEW_PROJECT.key, role: "OWNER" }, { actor: "e2e" });
await createUser({ email: USERS.owner.email, password: PASSWORD, projectKey: ALERTS_PROJECT.key, role: "OWNER" }, { actor: "e2e" });
await createUser({ email: USERS.admin.email, password: PASSWORD, projectKey: ALERTS_PROJECT.key, role: "ADMIN" }, { actor: "e2e" });
await disconnectDb();
await mkdir(dirname(STATE_FILE), { recursive: true });
await writeFile(STATE_FILE, JSON.stringify({ databaseUrl: database.url, apiTokens }));

if (!buildIsCurrent()) {
  const build = spawnSync(NEXT_BIN, ["build"], { stdio: "inherit", env: process.env });
  if (build.status !== 0) {
    await database.stop();
    process.exit(build.status ?? 1);
  }
}

const app = spawn(NEXT_BIN, ["start", "-p", String(E2E_PORT), "-H", "127.0.0.1"], { stdio: "inherit", env: process.env });
const stop = async () => {
  if (app.exitCode === null) {
    app.kill("SIGTERM");
    await new Promise((resolve) => app.once("exit", resolve));
  }
  await database.stop();
  await rm(dataDir, { recursive: true, force: true });
  process.exit(0);
};
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
app.on("exit", () => void stop());
await waitUntilHealthy(E2E_BASE_URL, app);
console.log(`e2e app ready at ${E2E_BASE_URL}`);
