// A burst of new callers against production: `next start` of the production build (webhook ingest and the
// delivery worker in Next's own server bundles, as customers run it — the bundles in which `instanceof`
// failed and lost events), on one or more processes, a sandbox CRM in a process of its own, and signed
// webhooks posted at once. Answers what reached the CRM: delivered, failed, duplicates, searches, time.
import { createServer } from "node:net";
import { db } from "../../lib/db/client";
import { openSecret, secretPlaces } from "../../lib/crypto/secrets";
import { signPayload } from "../../lib/events/signature";
import { openSandboxAt } from "../../testing/sandbox";
import { connectedProject } from "./delivery";
import { startProductionApp, startScript, type Running } from "./processes";

export type Crm = "zoho" | "pipedrive";

export interface BurstOptions {
  crm: Crm;
  /** App processes (web + delivery worker each); webhooks are spread over them. */
  processes: number;
  callers: number;
  callsPerCaller: number;
  /** The sandbox's answer time for every request (the CRM's latency). */
  latencyMs: number;
  /** Webhook requests in flight at once. */
  inFlight?: number;
  limitMs?: number;
}

export interface BurstResult {
  events: number;
  delivered: number;
  failed: number;
  /** Failed or dead without a reason: must be none (the database refuses them, too). */
  reasonless: number;
  callLogs: number;
  /** Callers the CRM holds more than one person/contact for. */
  duplicates: number;
  /** Callers the CRM holds no person/contact for. */
  missing: number;
  searches: number;
  crmRequests: number;
  drainSeconds: number;
  /** What the CRM's own caps allow at best for the CRM requests this burst made, in seconds. */
  boundSeconds: number;
  bound: string;
}

const CONTACTS: Record<Crm, string> = { zoho: "Contacts", pipedrive: "persons" };
const CALL_LOGS: Record<Crm, string> = { zoho: "Calls", pipedrive: "callLogs" };
/** Pipedrive's documented caps (crm-apis.md): the top OAuth plan's burst, and search on every plan. */
const PIPEDRIVE = { burst: 480, searches: 10, windowS: 2 };

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

const caller = (index: number) => `+38063${String(1_000_000 + index * 7).padStart(7, "0")}`;

async function postAll(apps: Running[], projectKey: string, secret: string, events: object[], inFlight: number) {
  let next = 0;
  const refused: string[] = [];
  const lane = async () => {
    for (let index = next++; index < events.length; index = next++) {
      const body = JSON.stringify(events[index]);
      const timestamp = Math.floor(Date.now() / 1000);
      const response = await fetch(`${apps[index % apps.length]!.url}/api/webhooks/${projectKey}/events`, {
        method: "POST",
        body,
        headers: { "content-type": "application/json", "x-callbridge-timestamp": String(timestamp), "x-callbridge-signature": signPayload(secret, timestamp, body) },
      });
      if (response.status !== 202) refused.push(`${response.status} ${await response.text()}`);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, lane));
  if (refused.length) throw new Error(`${refused.length} webhooks were refused, e.g. ${refused[0]}`);
}

async function waitSettled(projectId: string, total: number, limitMs: number) {
  const started = Date.now();
  for (;;) {
    const settled = await db().event.count({ where: { projectId, type: { not: "lookup" }, OR: [{ status: { in: ["delivered", "dead", "skipped"] } }, { status: "failed", nextAttemptAt: null }] } });
    if (settled >= total || Date.now() - started > limitMs) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The CRM's own bound on this burst: its caps over the requests and searches the burst needed. */
function crmBound(crm: Crm, concurrency: number, requests: number, searches: number, latencyMs: number) {
  if (crm === "pipedrive") {
    const bySearch = Math.ceil(searches / PIPEDRIVE.searches) * PIPEDRIVE.windowS;
    const byBurst = Math.ceil(requests / PIPEDRIVE.burst) * PIPEDRIVE.windowS;
    return { seconds: Math.max(bySearch, byBurst), text: `${searches} searches at ${PIPEDRIVE.searches} per ${PIPEDRIVE.windowS} s; ${requests} requests at ${PIPEDRIVE.burst} per ${PIPEDRIVE.windowS} s` };
  }
  // Zoho limits calls in flight, not calls per window: the edition's concurrency, and 10 for searches.
  const byConcurrency = (requests * latencyMs) / 1000 / concurrency;
  const bySearch = (searches * latencyMs) / 1000 / 10;
  return { seconds: Math.max(byConcurrency, bySearch), text: `${requests} requests of ${latencyMs} ms, ${concurrency} at once; ${searches} searches, 10 at once` };
}

export async function runBurst(options: BurstOptions): Promise<BurstResult> {
  const crmServer = await startScript("e2e/bench/sandbox-server.ts");
  const apps: Running[] = [];
  try {
    const sandbox = await openSandboxAt(crmServer.url, options.crm, `burst-${options.crm}`);
    const project = await connectedProject(options.crm, sandbox, `Burst ${options.crm}`);
    if (options.crm === "pipedrive") await sandbox.control({ burstLimit: PIPEDRIVE.burst, searchBurstLimit: PIPEDRIVE.searches });
    await sandbox.control({ latencyMs: options.latencyMs });
    // Lanes enough for the account's concurrency (Zoho's edition allows up to 25 in flight).
    for (let index = 0; index < options.processes; index++) apps.push(await startProductionApp(await freePort(), { DELIVERY_CONCURRENCY: "25" }));
    const row = await db().project.findUniqueOrThrow({ where: { id: project.id } });
    const secret = openSecret(row.webhookSecretEncrypted, secretPlaces.webhookSecret(row.id));
    const start = Date.now();
    const events = [];
    for (let call = 0; call < options.callsPerCaller; call++) {
      for (let index = 0; index < options.callers; index++) {
        const id = `burst-${options.crm}-${index}-${call}`;
        events.push({ id, type: "call", direction: "incoming", status: call % 3 === 1 ? "missed" : "answered", startedAt: new Date(start - 60_000 + call * 1_000).toISOString(), durationSec: call % 3 === 1 ? 0 : 40, caller: caller(index), callee: "+380441234567", line: "sales-1", employee: { sip: "olena" } });
      }
    }
    const started = Date.now();
    await postAll(apps, project.key, secret, events, options.inFlight ?? 50);
    await waitSettled(project.id, events.length, options.limitMs ?? 15 * 60_000);
    const last = await db().event.aggregate({ where: { projectId: project.id }, _max: { deliveredAt: true } });
    const drainSeconds = last._max.deliveredAt ? (last._max.deliveredAt.getTime() - started) / 1000 : Number.NaN;
    const account = await db().sandboxAccount.findUniqueOrThrow({ where: { crm_name: { crm: options.crm, name: sandbox.account } } });
    const [counts] = await db().$queryRaw<Array<{ delivered: bigint; failed: bigint; reasonless: bigint; searches: bigint; requests: bigint }>>`
      SELECT count(*) FILTER (WHERE status = 'delivered') AS delivered,
             count(*) FILTER (WHERE status IN ('failed', 'dead')) AS failed,
             count(*) FILTER (WHERE status IN ('failed', 'dead') AND coalesce(btrim(reason), '') = '') AS reasonless,
             coalesce(sum((SELECT count(*) FROM jsonb_array_elements(trace) step WHERE step->>'op' = 'search')), 0) AS searches,
             coalesce(sum((SELECT count(*) FROM jsonb_array_elements(trace) step WHERE step->>'op' NOT IN ('note', 'link', 'decide'))), 0) AS requests
      FROM "Event" WHERE "projectId" = ${project.id} AND type <> 'lookup'`;
    // BENCH_DUMP=<file>: every event's trace (with each step's time) and times, to read the drain's timeline.
    if (process.env.BENCH_DUMP) (await import("node:fs")).writeFileSync(process.env.BENCH_DUMP, JSON.stringify({ started, rows: await db().event.findMany({ where: { projectId: project.id }, select: { receivedAt: true, deliveredAt: true, trace: true, attempts: true } }) }));
    const callLogs = await db().sandboxRecord.count({ where: { accountId: account.id, module: CALL_LOGS[options.crm] } });
    const contacts = await db().sandboxRecord.findMany({ where: { accountId: account.id, module: CONTACTS[options.crm] }, select: { data: true } });
    const perCaller = new Map<string, number>();
    for (const { data } of contacts) {
      const text = JSON.stringify(data).replace(/\D/g, "");
      for (let index = 0; index < options.callers; index++) if (text.includes(caller(index).slice(1))) perCaller.set(caller(index), (perCaller.get(caller(index)) ?? 0) + 1);
    }
    const searches = Number(counts!.searches);
    const crmRequests = Number(counts!.requests);
    const { concurrency } = await db().integration.findUniqueOrThrow({ where: { projectId: project.id }, select: { concurrency: true } });
    const bound = crmBound(options.crm, concurrency, crmRequests, searches, options.latencyMs);
    return {
      events: events.length,
      delivered: Number(counts!.delivered),
      failed: Number(counts!.failed),
      reasonless: Number(counts!.reasonless),
      callLogs,
      duplicates: [...perCaller.values()].filter((count) => count > 1).length,
      missing: options.callers - perCaller.size,
      searches,
      crmRequests,
      drainSeconds,
      boundSeconds: bound.seconds,
      bound: bound.text,
    };
  } finally {
    await Promise.all(apps.map((app) => app.stop()));
    await crmServer.stop();
  }
}
