// Runs in every test worker before the test files: points the app's env at the throwaway database.
import { randomBytes } from "node:crypto";
import { inject } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");
process.env.NEXTAUTH_SECRET ||= randomBytes(32).toString("hex");
process.env.ENCRYPTION_KEY ||= randomBytes(32).toString("base64");
process.env.CRON_SECRET ||= randomBytes(32).toString("hex");

// Each test file that used the job engine stops it, so the worker process exits cleanly.
const { afterAll } = await import("vitest");
afterAll(async () => {
  const { stopJobs } = await import("@/lib/jobs/boss");
  await stopJobs(5_000);
});
