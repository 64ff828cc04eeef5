// Latency of delivery: from the webhook's 202 to the CRM's write of the call log, against a sandbox (in
// its own process) answering every request after 50 ms, at 1 and at 20 events per second. One app
// process (ingest + worker) takes the signed webhooks; the callers are known (their contact and deal are
// in the link cache), as most calls are. Target: p50 ≤ 300 ms, p99 ≤ 1 s.
import { db } from "../../lib/db/client";
import { openSecret, secretPlaces } from "../../lib/crypto/secrets";
import { signPayload } from "../../lib/events/signature";
import { insertTestEvent } from "../../testing/factories";
import { openSandboxAt } from "../../testing/sandbox";
import { connectedProject } from "./delivery";
import { startScript } from "./processes";
import { ms, percentile } from "./support";

type Crm = "zoho" | "pipedrive";
const CALLERS = 20;
const CALL_LOGS: Record<Crm, string> = { zoho: "Calls", pipedrive: "callLogs" };
const caller = (index: number) => `+38073${String(5_000_000 + index * 31).padStart(7, "0")}`;

function callEvent(id: string, index: number) {
  return { id, type: "call", direction: "incoming", status: "answered", startedAt: new Date().toISOString(), durationSec: 30, caller: caller(index), callee: "+380441234567", line: "sales-1", employee: { sip: "olena" } };
}

async function waitDelivered(projectId: string, total: number) {
  while ((await db().event.count({ where: { projectId, status: "delivered" } })) < total) await new Promise((resolve) => setTimeout(resolve, 50));
}

async function latencies(crm: Crm): Promise<boolean> {
  const server = await startScript("e2e/bench/sandbox-server.ts");
  const app = await startScript("testing/app-process.ts");
  try {
    const sandbox = await openSandboxAt(server.url, crm, "bench-latency");
    const project = await connectedProject(crm, sandbox, `Latency ${crm}`);
    if (crm === "pipedrive") await sandbox.control({ burstLimit: 480, searchBurstLimit: 10 });
    const account = await db().sandboxAccount.findUniqueOrThrow({ where: { crm_name: { crm, name: sandbox.account } } });
    const row = await db().project.findUniqueOrThrow({ where: { id: project.id } });
    const secret = openSecret(row.webhookSecretEncrypted, secretPlaces.webhookSecret(row.id));
    // Warm-up: each caller's first call creates the contact and deal (and fills the link cache).
    for (let index = 0; index < CALLERS; index++) await insertTestEvent(project.id, callEvent(`warm-${index}`, index));
    await waitDelivered(project.id, CALLERS);
    await sandbox.control({ latencyMs: 50 });

    let met = true;
    let posted = CALLERS;
    console.log(`\n${crm}: from the webhook's 202 to the call log in the CRM (50 ms per CRM request)`);
    for (const [rate, seconds] of [[1, 20], [20, 10]] as const) {
      const answered = new Map<string, number>();
      const total = rate * seconds;
      const started = Date.now();
      const posts: Promise<void>[] = [];
      for (let index = 0; index < total; index++) {
        const due = started + (index * 1000) / rate;
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now())));
        const event = callEvent(`lat-${rate}-${index}`, index % CALLERS);
        const body = JSON.stringify(event);
        const timestamp = Math.floor(Date.now() / 1000);
        posts.push(
          fetch(`${app.url}/api/webhooks/${project.key}/events`, {
            method: "POST",
            body,
            headers: { "content-type": "application/json", "x-callbridge-timestamp": String(timestamp), "x-callbridge-signature": signPayload(secret, timestamp, body) },
          }).then(async (response) => {
            if (response.status !== 202) throw new Error(`webhook answered ${response.status}`);
            answered.set(((await response.json()) as { eventId: string }).eventId, Date.now());
          }),
        );
      }
      await Promise.all(posts);
      posted += answered.size;
      await waitDelivered(project.id, posted);
      const samples: number[] = [];
      for (const [eventId, at] of answered) {
        const [log] = await db().$queryRaw<Array<{ createdAt: Date }>>`
          SELECT "createdAt" FROM "SandboxRecord" WHERE "accountId" = ${account.id} AND module = ${CALL_LOGS[crm]} AND data::text LIKE ${`%Callbridge event ${eventId}%`}`;
        if (log) samples.push(log.createdAt.getTime() - at);
      }
      const p50 = percentile(samples, 50);
      const p99 = percentile(samples, 99);
      const ok = samples.length === answered.size && p50 <= 300 && p99 <= 1000;
      met &&= ok;
      console.log(`  ${String(rate).padStart(2)} events/s: ${samples.length}/${answered.size} call logs, p50 ${ms(p50)} ms, p99 ${ms(p99)} ms ${ok ? "(met)" : "(MISSED: p50 ≤ 300, p99 ≤ 1000)"}`);
    }
    return met;
  } finally {
    await app.stop();
    await server.stop();
  }
}

export async function runLatencyBench(): Promise<boolean> {
  const results = [await latencies("zoho"), await latencies("pipedrive")];
  return results.every(Boolean);
}
