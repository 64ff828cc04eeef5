// `npm run demo | dev | start`: database (embedded when DATABASE_URL is unset), migrations, then Next.js.
//   demo  — local secrets, demo data, production build (rebuilt only when sources changed), next start
//   dev   — local secrets, demo data, next dev
//   start — production: secrets must come from the environment; migrations, next start
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { buildIsCurrent, NEXT_BIN, waitUntilHealthy } from "./next-app";
import { describeError } from "../lib/db/startup-errors";
import { prepareEnv, readLocalSecrets, ROOT, writeLocalSecrets } from "./local-env";
import { complain } from "./cli-output";
import { log } from "../lib/observability/logger";

type Mode = "demo" | "dev" | "start";
const mode = process.argv[2] as Mode;
if (!["demo", "dev", "start"].includes(mode)) {
  complain("usage: tsx scripts/launch.ts demo|dev|start");
  process.exit(2);
}

async function main() {
  const { env, stopDatabase, embedded } = await prepareEnv({ generateSecrets: mode !== "start" });
  const url = `http://localhost:${env.PORT}`;
  process.env.NEXTAUTH_URL ||= url;
  // The demo and development work end to end against the built-in sandbox CRMs (off by default in production).
  if (mode !== "start") {
    process.env.SANDBOX_CRM ||= "on";
    // The demo is a production build: its sandbox is there on purpose.
    process.env.SANDBOX_CRM_IN_PRODUCTION ||= "yes";
    // Log lines for a person at a terminal; `start` (production) keeps one JSON object per line.
    process.env.LOG_PRETTY ||= "on";
  }
  // The sandbox CRMs are the app's own origin, allowed while SANDBOX_CRM is on: no CRM host is listed. Their
  // sample recordings are served by the app itself: only its own port on loopback is open to recording
  // links, not every loopback service of this machine (see "Egress" in README).
  if (mode !== "start") process.env.EGRESS_ALLOW_RECORDINGS ||= `localhost:${env.PORT},127.0.0.1:${env.PORT}`;
  const app: { child?: ChildProcess } = {};
  let stopping = false;
  // The app first (it finishes its deliveries on SIGTERM), the database last: stopping it earlier cut
  // the app's connections mid-delivery (57P01). The cluster runs in a session of its own, so a terminal's
  // Ctrl+C reaches only the app and this launcher, never the database directly.
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    const { child } = app;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
    await stopDatabase().catch((error: unknown) => complain(`Stopping the embedded database failed: ${describeError(error)}`));
    process.exit(code);
  };
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));

  const { migratesAtStart, prepareDatabase } = await import("../lib/db/prepare");
  try {
    await prepareDatabase(env.DATABASE_URL, { migrate: mode !== "start" || migratesAtStart() });
    // Secrets an older release sealed without key id and row binding, or sealed with a retired key, are
    // sealed again with ENCRYPTION_KEY (they open either way).
    const resealed = await (await import("../lib/db/reseal-secrets")).resealLegacySecrets();
    if (resealed) complain(`Sealed ${resealed} stored secret(s) again with the current key and format.`);
  } catch (error) {
    complain(`The database could not be prepared: ${describeError(error)}`);
    return shutdown(1);
  }

  let login: { email: string; password: string } | undefined;
  if (mode !== "start") {
    const { seedDemo } = await import("../prisma/seed");
    const { disconnectDb } = await import("../lib/db/client");
    const secrets = await readLocalSecrets();
    const seed = await seedDemo(secrets.demoPassword);
    if (seed.created) await writeLocalSecrets({ ...secrets, demoProject: seed.created });
    await disconnectDb();
    login = { email: seed.email, password: secrets.demoPassword };
  }

  if (mode !== "dev" && !buildIsCurrent()) {
    if (mode === "start" && existsSync(join(ROOT, ".next/BUILD_ID"))) {
      log("launcher").info("using the existing production build");
    } else {
      log("launcher").info("building the app (next build)");
      const build = spawnSync(NEXT_BIN, ["build"], { stdio: "inherit", env: process.env });
      if (build.status !== 0) return shutdown(build.status ?? 1);
    }
  }

  // SIGTERM is handled by the app itself (lib/jobs/shutdown.ts): deliveries in flight finish before it exits.
  const child = spawn(NEXT_BIN, [mode === "dev" ? "dev" : "start", "-p", String(env.PORT)], { stdio: "inherit", env: { ...process.env, NEXT_MANUAL_SIG_HANDLE: "true" } });
  app.child = child;
  child.on("exit", (code) => void shutdown(code ?? 0));
  await waitUntilHealthy(url, child);

  const secrets = mode === "start" ? undefined : await readLocalSecrets();
  console.log(
    [
      "",
      "Callbridge is running.",
      `  URL:       ${url}`,
      ...(login ? [`  E-mail:    ${login.email}`, `  Password:  ${login.password}`] : []),
      ...(secrets?.demoProject ? [`  Project:   ${secrets.demoProject.projectKey} (API token and webhook secret in .data/secrets.json)`] : []),
      embedded ? "  Database:  embedded PostgreSQL, data in .data/postgres (kept between runs)" : "  Database:  DATABASE_URL",
      "Press Ctrl+C to stop.",
      "",
    ].join("\n"),
  );
}

main().catch((error: unknown) => {
  complain(`Callbridge did not start: ${describeError(error)}`);
  process.exit(1);
});
