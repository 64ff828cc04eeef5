// `npm run bench [name…]`: every benchmark (or the named ones), with its numbers and whether it meets
// its target. One throwaway PostgreSQL serves them all.
import { disconnectDb } from "../../lib/db/client";
import { runConnectorBench } from "./connectors";
import { runRequestsBench, runThroughputBench } from "./delivery";
import { runIngestBench } from "./ingest";
import { runRoutingBench } from "./routing";
import { benchDatabase } from "./support";

const BENCHES: Record<string, [target: string, run: () => Promise<boolean>]> = {
  connectors: ["connector overhead ≤ 1.2× raw fetch", runConnectorBench],
  ingest: ["webhook ingest ≥ 0.85× no-op route, p99 ≤ 150 ms", runIngestBench],
  requests: ["CRM requests per event: the minimum; no search for a repeat caller", runRequestsBench],
  routing: ["responsible manager: warm p99 ≤ 10 ms (1 client) and ≤ 1.5× no-op (10); ≤ 1 CRM request per kind cold; budget + 50 ms when the CRM hangs", runRoutingBench],
  throughput: ["delivery ≥ 50 events/s against a 50 ms Zoho, no 429 from either CRM", runThroughputBench],
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
  await disconnectDb();
  await database.stop();
}
console.log("\nsummary");
for (const [name, met] of results) console.log(`  ${met ? "met    " : "MISSED "} ${name}`);
process.exit(0);
