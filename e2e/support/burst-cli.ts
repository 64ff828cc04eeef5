// Runs one burst (e2e/bench/burst-run.ts) on a throwaway PostgreSQL of its own and prints its result as
// the last line of JSON: the e2e spec of several production processes runs this, as the benchmark does.
// Usage: tsx e2e/support/burst-cli.ts <crm> <processes> <callers> <calls per caller>
import { disconnectDb } from "../../lib/db/client";
import { runBurst, type Crm } from "../bench/burst-run";
import { benchDatabase } from "../bench/support";

const [crm = "pipedrive", processes = "3", callers = "30", calls = "5"] = process.argv.slice(2);
const database = await benchDatabase();
try {
  const result = await runBurst({ crm: crm as Crm, processes: Number(processes), callers: Number(callers), callsPerCaller: Number(calls), latencyMs: 20, limitMs: 240_000 });
  console.log(JSON.stringify(result));
} finally {
  await disconnectDb();
  await database.stop();
}
process.exit(0);
