// Runs in every test worker before the test files: points the app's env at the throwaway database.
import { inject } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");
Object.assign(process.env, inject("secrets"));

// Each test file that used the job engine stops it, so the worker process exits cleanly.
const { afterAll } = await import("vitest");
afterAll(async () => {
  const { stopJobs } = await import("@/lib/jobs/boss");
  await stopJobs(5_000);
});
