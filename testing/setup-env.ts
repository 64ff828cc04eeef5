// Runs in every test worker before the test files: points the app's env at the throwaway database.
import { inject } from "vitest";
import { LOOPBACK_TEST_PORTS } from "./loopback";

process.env.DATABASE_URL = inject("databaseUrl");
Object.assign(process.env, inject("secrets"));
// The sandbox servers (and their recordings) the tests start listen on loopback, on ports chosen at
// random: each list opens the unprivileged ports of loopback only. A test of the egress policy sets its
// own, narrower lists.
process.env.EGRESS_ALLOW_CRM = LOOPBACK_TEST_PORTS;
process.env.EGRESS_ALLOW_RECORDINGS = LOOPBACK_TEST_PORTS;
// Log lines of the code under test (and of the processes tests start, which inherit this) would bury the
// test runner's own report: warnings and errors only, unless a run asks for more. Tests about the logs set
// their own level.
process.env.LOG_LEVEL ??= "warn";
// Tests post bursts into one project on purpose (isolation, group commit); the quota tests set their own.
process.env.WEBHOOK_REQUESTS_PER_PROJECT_PER_SECOND = "100000";

// Each test file that used the job engine stops it, so the worker process exits cleanly.
const { afterAll } = await import("vitest");
afterAll(async () => {
  const { stopJobs } = await import("@/lib/jobs/boss");
  await stopJobs(5_000);
});
