// Runs in every test worker before the test files: points the app's env at the throwaway database.
import { inject } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");
Object.assign(process.env, inject("secrets"));
// The sandbox servers (and their recordings) the tests start listen on loopback; a test of the egress
// policy passes its own, narrower allow-list.
process.env.EGRESS_ALLOW = "127.0.0.1,localhost";

// Each test file that used the job engine stops it, so the worker process exits cleanly.
const { afterAll } = await import("vitest");
afterAll(async () => {
  const { stopJobs } = await import("@/lib/jobs/boss");
  await stopJobs(5_000);
});
