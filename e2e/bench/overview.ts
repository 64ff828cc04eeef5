// The overview's queries on 1,000,000 events of one project (seeded here, not by the demo): the whole
// overview (every aggregate, as the page loads them) and each query alone, p50/p95 over repeated loads.
// Target: the overview answers in ≤ 200 ms p95.
import { db } from "../../lib/db/client";
import { crmCalls, eventsPerSlot, failingClients, lastDelivery, routingAnswers, timeToCrm } from "../../lib/db/queries/overview";
import { DAYS_SHOWN, projectOverview } from "../../lib/overview/overview";
import { daySlots, hourSlots } from "../../lib/overview/slots";
import { createProject } from "../../lib/projects/create-project";
import { ms, percentile, timed } from "./support";

const EVENTS = 1_000_000;
const DAYS = 60;
const CHUNK = 100_000;
const RUNS = 40;
const TARGET_MS = 200;

const TRACE = JSON.stringify([
  { op: "search", detail: "contact by phone", ok: true, at: "2026-11-26T00:00:00Z" },
  { op: "create", detail: "create contact", ok: true, id: "1", at: "2026-11-26T00:00:00Z" },
  { op: "create", detail: "create deal", ok: true, id: "2", at: "2026-11-26T00:00:00Z" },
  { op: "callLog", detail: "call log", ok: true, id: "3", at: "2026-11-26T00:00:00Z" },
]);

/** Events spread evenly over the last 60 days: mostly calls, some forms, chats and lookups; 90% delivered. */
async function seed(projectId: string) {
  for (let start = 0; start < EVENTS; start += CHUNK) {
    await db().$executeRawUnsafe(
      `INSERT INTO "Event" (id, "projectId", "externalId", type, payload, status, reason, "occurredAt", "receivedAt", "deliveredAt", trace, "clientKey")
       SELECT 'b' || n, $1, 'bench-' || n,
         CASE WHEN n % 20 = 0 THEN 'lookup' WHEN n % 10 < 2 THEN 'form' WHEN n % 10 = 2 THEN 'messenger' ELSE 'call' END,
         '{}'::jsonb,
         (CASE WHEN n % 100 < 90 THEN 'delivered' WHEN n % 100 < 93 THEN 'failed' WHEN n % 100 < 97 THEN 'skipped' WHEN n % 100 < 98 THEN 'dead' ELSE 'queued' END)::"EventStatus",
         CASE WHEN n % 100 BETWEEN 90 AND 97 THEN 'the CRM answered 500' END,
         t, t, CASE WHEN n % 100 < 90 THEN t + make_interval(secs => 1 + n % 40) END,
         CASE WHEN n % 100 < 90 THEN $2::jsonb ELSE '[]'::jsonb END,
         'phone:+38067' || lpad((n % 50000)::text, 7, '0')
       FROM (SELECT n, now() - make_interval(secs => (n::double precision / $3) * $4 * 86400) AS t FROM generate_series($5::int, $6::int) n) s`,
      projectId,
      TRACE,
      EVENTS,
      DAYS,
      start + 1,
      Math.min(EVENTS, start + CHUNK),
    );
  }
  // What autovacuum does in production soon after: visibility for index-only scans, and statistics.
  await db().$executeRawUnsafe(`VACUUM ANALYZE "Event"`);
}

export async function runOverviewBench(): Promise<boolean> {
  const created = await createProject({ name: "Overview bench", timezone: "Europe/Kyiv", defaultCountry: "UA" }, { actor: "bench" });
  const project = await db().project.findUniqueOrThrow({ where: { key: created.projectKey } });
  const seeding = await timed(() => seed(project.id));
  const count = await db().event.count({ where: { projectId: project.id } });
  console.log(`\noverview — ${count.toLocaleString("en")} events of one project over ${DAYS} days (seeded in ${(seeding / 1000).toFixed(1)} s), ${RUNS} loads each`);

  const now = new Date();
  const day = new Date(now.getTime() - 86_400_000);
  const week = new Date(now.getTime() - 7 * 86_400_000);
  const queries: Array<[string, () => Promise<unknown>]> = [
    ["events per hour (24 h)", () => eventsPerSlot(project.id, hourSlots(now, project.timezone, 24))],
    ["events per day (7 days)", () => eventsPerSlot(project.id, daySlots(now, project.timezone, DAYS_SHOWN))],
    ["time to CRM p50/p95 (24 h)", () => timeToCrm(project.id, day)],
    ["time to CRM p50/p95 (7 days)", () => timeToCrm(project.id, week)],
    ["last delivery", () => lastDelivery(project.id)],
    ["CRM calls (24 h)", () => crmCalls(project.id, day)],
    ["failing clients (7 days)", () => failingClients(project.id, week)],
    ["routing answers (24 h)", () => routingAnswers(project.id, day)],
  ];
  for (const [name, query] of queries) {
    await query();
    const samples: number[] = [];
    for (let run = 0; run < RUNS; run++) samples.push(await timed(query));
    console.log(`  ${name.padEnd(32)} p50 ${ms(percentile(samples, 50))} ms   p95 ${ms(percentile(samples, 95))} ms`);
  }
  await projectOverview(project);
  const whole: number[] = [];
  for (let run = 0; run < RUNS; run++) whole.push(await timed(() => projectOverview(project)));
  const p95 = percentile(whole, 95);
  const met = p95 <= TARGET_MS;
  console.log(`  ${"whole overview (all at once)".padEnd(32)} p50 ${ms(percentile(whole, 50))} ms   p95 ${ms(p95)} ms   (target ≤ ${TARGET_MS} ms) → ${met ? "met" : "MISSED"}`);
  return met;
}
