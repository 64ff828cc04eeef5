// F19: how soon a ringing call's contact and deal are in the CRM, so a sales rep sees them while talking.
// New callers (search, create contact, create deal) post `ringing` at 5 calls/s to one app process (ingest +
// worker) against a sandbox in its own process answering every request after 50 ms; the matrix writes
// incoming calls' entities at ring. Measured: the ringing webhook's 202 → the deal's creation in the CRM
// (the last of the two). Target: p95 ≤ 1 s.
import { saveConfigSection, loadConfig } from "../../lib/config/service";
import { openSecret, secretPlaces } from "../../lib/crypto/secrets";
import { db } from "../../lib/db/client";
import { signPayload } from "../../lib/events/signature";
import { openSandboxAt } from "../../testing/sandbox";
import { connectedProject } from "./delivery";
import { startScript } from "./processes";
import { ms, percentile } from "./support";

type Crm = "zoho" | "pipedrive";
const RATE = 5;
const SECONDS = 10;
/** Callers of the warm-up calls: outside the measured ones. */
const WARM_UP_FIRST = 10_000;
const DEALS: Record<Crm, string> = { zoho: "Deals", pipedrive: "deals" };
const caller = (index: number) => `+38073${String(7_000_000 + index * 37).padStart(7, "0")}`;
const ringing = (index: number) => ({ id: `ring-${index}`, callId: `bench-call-${index}`, phase: "ringing", type: "call", direction: "incoming", startedAt: new Date().toISOString(), caller: caller(index), callee: "+380441234567", line: "sales-1", employee: { sip: "olena" } });

async function ringToDeal(crm: Crm): Promise<boolean> {
  const server = await startScript("e2e/bench/sandbox-server.ts");
  const app = await startScript("testing/app-process.ts");
  try {
    const sandbox = await openSandboxAt(server.url, crm, "bench-ringing");
    const project = await connectedProject(crm, sandbox, `Ringing ${crm}`);
    if (crm === "pipedrive") await sandbox.control({ burstLimit: 480, searchBurstLimit: 10 });
    const matrix = (await loadConfig(project.id)).matrix.map((row) => (row.trigger.startsWith("call.incoming.") ? { ...row, when: "ringing" as const } : row));
    await saveConfigSection(project, "matrix", matrix, { userId: null, actor: "bench" });
    // The app process caches a project's configuration for 2 s.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    await sandbox.control({ latencyMs: 50 });
    const account = await db().sandboxAccount.findUniqueOrThrow({ where: { crm_name: { crm, name: sandbox.account } } });
    /** The ringing webhook's 202 → the deal's creation in the CRM (the later of contact and deal). */
    const deliveryTime = async (eventId: string, at: number): Promise<number | null> => {
      const event = await db().event.findUniqueOrThrow({ where: { id: eventId } });
      const deal = (event.trace as Array<{ op: string; detail: string; id?: string }>).find((entry) => entry.op === "create" && entry.detail === "create deal");
      if (!deal?.id) return null;
      const record = await db().sandboxRecord.findUnique({ where: { accountId_module_id: { accountId: account.id, module: DEALS[crm], id: deal.id } } });
      return record ? record.createdAt.getTime() - at : null;
    };
    const secret = openSecret((await db().project.findUniqueOrThrow({ where: { id: project.id } })).webhookSecretEncrypted, secretPlaces.webhookSecret(project.id));

    const post = (index: number) => {
      const body = JSON.stringify(ringing(index));
      const timestamp = Math.floor(Date.now() / 1000);
      return fetch(`${app.url}/api/webhooks/${project.key}/events`, {
        method: "POST",
        body,
        headers: { "content-type": "application/json", "x-callbridge-timestamp": String(timestamp), "x-callbridge-signature": signPayload(secret, timestamp, body) },
      }).then(async (response) => {
        if (response.status !== 202) throw new Error(`webhook answered ${response.status}`);
        return { eventId: ((await response.json()) as { eventId: string }).eventId, at: Date.now() };
      });
    };
    const delivered = async (ids: string[]) => {
      const deadline = Date.now() + 60_000;
      while ((await db().event.count({ where: { id: { in: ids }, status: "delivered" } })) < ids.length && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    };
    // A server that has just started pays once for the CRM token, the field metadata and its connections
    // (the first calls, ~1 s on a 50 ms CRM); a live one has them. Two calls warm it up, unmeasured, and
    // the first call's time is reported apart.
    const warmUp = await Promise.all([post(WARM_UP_FIRST), post(WARM_UP_FIRST + 1)]);
    await delivered(warmUp.map((answer) => answer.eventId));
    const cold = await deliveryTime(warmUp[0]!.eventId, warmUp[0]!.at);
    await new Promise((resolve) => setTimeout(resolve, 2_000));

    const answered = new Map<string, number>();
    const started = Date.now();
    const posts: Promise<void>[] = [];
    for (let index = 0; index < RATE * SECONDS; index++) {
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, started + (index * 1000) / RATE - Date.now())));
      posts.push(post(index).then(({ eventId, at }) => void answered.set(eventId, at)));
    }
    await Promise.all(posts);
    await delivered([...answered.keys()]);
    const samples: number[] = [];
    for (const [eventId, at] of answered) {
      const took = await deliveryTime(eventId, at);
      if (took !== null) samples.push(took);
    }
    const p50 = percentile(samples, 50);
    const p95 = percentile(samples, 95);
    const ok = samples.length === answered.size && p95 <= 1000;
    console.log(`\n${crm}: ringing 202 → contact and deal in the CRM (new callers, ${RATE} calls/s, 50 ms per CRM request)`);
    console.log(`  ${samples.length}/${answered.size} deals, p50 ${ms(p50)} ms, p95 ${ms(p95)} ms ${ok ? "(met)" : "(MISSED: p95 ≤ 1000)"}`);
    console.log(`  the first call after the server started (cold: token, field metadata, connections): ${cold === null ? "no deal" : `${ms(cold)} ms`}`);
    return ok;
  } finally {
    await app.stop();
    await server.stop();
  }
}

export async function runRingingBench(): Promise<boolean> {
  const results = [await ringToDeal("zoho"), await ringToDeal("pipedrive")];
  return results.every(Boolean);
}
