// Webhook ingest (sync-engine issue): signed call events posted by 50 concurrent clients to
//   (a) no-op route handlers of the same production build — the framework's floor: one at a static
//       path answering an empty 202 (/api/bench/noop), and one at the webhook's own URL shape answering
//       the 202 JSON that PRODUCT.md §3 prescribes (/api/bench/{projectKey}/noop) — the router's dynamic
//       segment and the JSON body are framework costs every such endpoint pays,
//   (w) the real webhook route: verify, validate, stop-list, idempotent insert — what we ship,
//   (b) a bare node:http server running the same ingest code on the same database — the machine's limit.
// Targets: (w) ≥ 0.85 × (a) in requests/s, and (w) p99 ≤ 150 ms. Every 202 must be a stored event.
import { db } from "../../lib/db/client";
import { DELIVERY_QUEUE, JOB_SCHEMA } from "../../lib/jobs/boss";
import { signPayload } from "../../lib/events/signature";
import { createProject } from "../../lib/projects/create-project";
import { runLoad, type LoadResult } from "./load";
import { startProductionApp, startScript } from "./processes";
import { ms } from "./support";

const CLIENTS = 50;
const WARMUP_MS = 2000;
const DURATION_MS = Number(process.env.BENCH_INGEST_MS ?? 8000);
const ROUNDS = 2;
const PORT = 3210;

function signedCalls(projectKey: string, secret: string, label: string) {
  let sequence = 0;
  return () => {
    const id = `bench-${label}-${sequence++}`;
    const body = JSON.stringify({
      id,
      type: "call",
      direction: "incoming",
      status: "answered",
      startedAt: new Date().toISOString(),
      durationSec: 42,
      caller: `+38050${String(1000000 + (sequence % 5000)).slice(-7)}`,
      callee: "+380441234567",
      line: "sales-1",
      recordingUrl: `https://pbx.example.com/recordings/${id}.mp3`,
    });
    const timestamp = String(Math.floor(Date.now() / 1000));
    return { body, headers: { "x-callbridge-timestamp": timestamp, "x-callbridge-signature": signPayload(secret, timestamp, body) } };
  };
}

const row = (name: string, result: LoadResult) =>
  `  ${name.padEnd(34)} ${result.perSecond.toFixed(0).padStart(6)} req/s   p50 ${ms(result.p50)} ms   p99 ${ms(result.p99)} ms${result.unexpected ? `   ${result.unexpected} unexpected answers` : ""}`;

/**
 * The project has no CRM, so its stored events would only be parked, one job at a time, by the
 * benchmarks that run workers after this one: their measurements must not wait behind this backlog.
 */
async function discardDeliveries(projectKey: string) {
  const { id } = await db().project.findUniqueOrThrow({ where: { key: projectKey }, select: { id: true } });
  await db().$executeRawUnsafe(`DELETE FROM ${JOB_SCHEMA}.job WHERE name = $1 AND group_id = $2`, DELIVERY_QUEUE, id);
  await db().event.updateMany({ where: { projectId: id, status: "queued" }, data: { status: "skipped", reason: "benchmark data, not delivered" } });
  // Tens of thousands of deleted jobs would otherwise slow every fetch until autovacuum comes by.
  await db().$executeRawUnsafe(`VACUUM ANALYZE ${JOB_SCHEMA}.job`);
}

export async function runIngestBench(): Promise<boolean> {
  const project = await createProject({ name: "Ingest bench", timezone: "Europe/Kyiv", defaultCountry: "UA" }, { actor: "bench" });
  const app = await startProductionApp(PORT);
  const bare = await startScript("e2e/bench/bare-ingest-server.ts");
  const best: Record<"static" | "noop" | "route" | "bare", LoadResult | null> = { static: null, noop: null, route: null, bare: null };
  let accepted = 0;
  try {
    // Rounds alternate the three targets so a slow moment of the machine does not favour one of them.
    for (let round = 0; round < ROUNDS; round++) {
      const targets = [
        ["static", `${app.url}/api/bench/noop`],
        ["noop", `${app.url}/api/bench/${project.projectKey}/noop`],
        ["route", `${app.url}/api/webhooks/${project.projectKey}/events`],
        ["bare", `${bare.url}/api/webhooks/${project.projectKey}/events`],
      ] as const;
      for (const [name, url] of targets) {
        const result = await runLoad({ url, clients: CLIENTS, warmupMs: WARMUP_MS, durationMs: DURATION_MS, expectStatus: 202, next: signedCalls(project.projectKey, project.webhookSecret, `${name}-${round}`) });
        if (name === "route" || name === "bare") accepted += result.requests - result.unexpected;
        if (!best[name] || result.perSecond > best[name]!.perSecond) best[name] = result;
      }
    }
  } finally {
    await Promise.all([app.stop(), bare.stop()]);
  }
  const stored = await db().event.count({ where: { project: { key: project.projectKey } } });
  await discardDeliveries(project.projectKey);
  const { static: floor, noop, route, bare: machine } = best as Record<string, LoadResult>;
  const ratio = route!.perSecond / noop!.perSecond;
  console.log(`\nwebhook ingest, ${CLIENTS} concurrent clients, best of ${ROUNDS} rounds of ${DURATION_MS / 1000} s`);
  console.log(row("(a) no-op, static path, empty 202", floor!));
  console.log(row("(a) no-op, same URL, same 202 JSON", noop!));
  console.log(row("webhook route (verify + insert)", route!));
  console.log(row("(b) bare node:http, same ingest", machine!));
  console.log(`  route / no-op: ${ratio.toFixed(2)} to the same-URL JSON no-op (target ≥ 0.85), ${(route!.perSecond / floor!.perSecond).toFixed(2)} to the static empty one; route p99 ${route!.p99.toFixed(1)} ms (target ≤ 150), route / bare ${(route!.perSecond / machine!.perSecond).toFixed(2)}`);
  // Warm-up requests are stored too, so at least every measured 202 is a stored event.
  console.log(`  events stored ${stored}, measured 202 answers ${accepted}${stored >= accepted ? "" : "  — MISSING EVENTS"}`);
  return ratio >= 0.85 && route!.p99 <= 150 && stored >= accepted && route!.unexpected === 0;
}
