// `npm run bench`: every benchmark, with its numbers and whether it meets its target.
import { runConnectorBench } from "./connectors";

const results: Array<[string, boolean]> = [["connector overhead ≤ 1.2× raw fetch", await runConnectorBench()]];

console.log("\nsummary");
for (const [name, met] of results) console.log(`  ${met ? "met    " : "MISSED "} ${name}`);
process.exit(0);
