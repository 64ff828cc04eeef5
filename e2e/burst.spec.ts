// Several production processes sharing one CRM connection, as customers scale out: three `next start`
// servers (webhook ingest and delivery worker in Next's own bundles) on one PostgreSQL, 30 new callers × 5
// calls posted at once across them. Measured before: 12–71 of the 150 call logs were lost, the Pipedrive
// search limiter's refusal escaping as a reasonless permanent failure.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";

const run = promisify(execFile);

test("3 processes, 30 callers × 5 calls at once: 150/150 call logs, one person per caller, none failed", async () => {
  test.setTimeout(420_000);
  const { stdout } = await run(process.execPath, ["--import", "tsx", "e2e/support/burst-cli.ts", "pipedrive", "3", "30", "5"], { maxBuffer: 16 * 1024 * 1024, timeout: 400_000 });
  const result = JSON.parse(stdout.trim().split("\n").at(-1)!) as { events: number; delivered: number; failed: number; reasonless: number; callLogs: number; duplicates: number; missing: number };
  expect(result).toMatchObject({ events: 150, delivered: 150, failed: 0, reasonless: 0, callLogs: 150, duplicates: 0, missing: 0 });
});
