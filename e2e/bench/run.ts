// `npm run bench [name…]`: every benchmark (or the named ones), with its numbers and whether it meets
// its target. One throwaway PostgreSQL serves them all.
import { disconnectDb } from "../../lib/db/client";
import { stopJobs } from "../../lib/jobs/boss";
import { runBurstBench } from "./burst";
import { runConnectorBench } from "./connectors";
import { runRequestsBench, runThroughputBench } from "./delivery";
import { runIngestBench } from "./ingest";
import { runIdleWorkersBench } from "./idle-workers";
import { runLatencyBench } from "./latency";
import { runNeighboursBench } from "./neighbours";
import { runOverviewBench } from "./overview";
import { runRingingBench } from "./ringing";
import { runRoutingBench } from "./routing";
import { benchDatabase } from "./support";

const BENCHES: Record<string, [target: string, run: () => Promise<boolean>]> = {
  burst: ["500 new callers at once per CRM: 500/500 delivered, 0 failed, 0 duplicates, ≤ 1 search per event, drain ≤ 1.3× the CRM's caps", runBurstBench],
  connectors: ["connector overhead ≤ 1.2× raw fetch", runConnectorBench],
  "idle-workers": ["20 idle worker processes: database statements/s ≤ 1/10 of main's job-engine settings", runIdleWorkersBench],
  ingest: ["webhook ingest ≥ 0.85× no-op route, p99 ≤ 150 ms", runIngestBench],
  latency: ["webhook 202 → CRM write p50 ≤ 300 ms, p99 ≤ 1 s at 1 and 20 events/s (50 ms CRM)", runLatencyBench],
  neighbours: ["a healthy project at 2 calls/s beside 2 projects with a 1.5 s CRM and 400 events each: time-to-CRM p95 ≤ max(2 × alone, alone + 2 s), the neighbours drain", runNeighboursBench],
  overview: ["overview queries on 1,000,000 events of one project: p95 ≤ 200 ms", runOverviewBench],
  requests: ["CRM requests per event: the minimum; no search for a repeat caller", runRequestsBench],
  ringing: ["live calls: ringing 202 → contact and deal in the CRM p95 ≤ 1 s at 5 new callers/s (50 ms CRM)", runRingingBench],
  routing: ["responsible manager: warm p99 ≤ 10 ms (1 client) and ≤ 1.5× no-op (10); cold with the caller card p99 ≤ budget + 50 ms, ≤ 1 CRM request per kind (+ 1 for the card); budget + 50 ms when the CRM hangs", runRoutingBench],
  throughput: ["delivery: 3 worker processes ≥ 2.5× one against a 200 ms Zoho, no retried event on either CRM", runThroughputBench],
};

const chosen = process.argv.slice(2);
const unknown = chosen.filter((name) => !BENCHES[name]);
if (unknown.length) {
  console.error(`unknown benchmark: ${unknown.join(", ")} (known: ${Object.keys(BENCHES).join(", ")})`);
  process.exit(2);
}
const database = await benchDatabase();
const results: Array<[string, boolean]> = [];
try {
  for (const name of chosen.length ? chosen : Object.keys(BENCHES)) {
    const [target, run] = BENCHES[name]!;
    results.push([target, await run()]);
  }
} finally {
  await stopJobs(5_000);
  await disconnectDb();
  await database.stop();
}
console.log("\nsummary");
for (const [name, met] of results) console.log(`  ${met ? "met    " : "MISSED "} ${name}`);
process.exit(0);
