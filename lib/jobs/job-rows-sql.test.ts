// The delivery jobs the webhook writes in its own statement (job-rows-sql.ts) against pg-boss's own
// insert: the same row, the same wake-up channel, and a job only for an event that was stored queued.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { insertEventsOnce, type NewEvent } from "@/lib/db/queries/events";
import { pgPool } from "@/lib/db/pg-pool";
import { makeProject } from "@/testing/factories";
import { openFreshDatabase } from "@/testing/fresh-database";
import { DELIVERY_QUEUE, JOB_SCHEMA } from "./boss";
import { enqueueDeliveries, pgClientDb } from "./enqueue";
import { NOTIFY_CHANNEL_SQL } from "./job-rows-sql";

// Its own database: it listens on pg-boss's channel, where other test files' jobs (written side by side
// on the shared test database) would be heard too.
await openFreshDatabase("job_rows");

let projectId: string;
let listener: pg.Client;
const heard: string[] = [];

beforeAll(async () => {
  const project = await makeProject("Job rows");
  projectId = (await db().project.findUniqueOrThrow({ where: { key: project.projectKey } })).id;
  listener = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await listener.connect();
  const { rows } = await listener.query<{ channel: string }>(`SELECT ${NOTIFY_CHANNEL_SQL} AS channel`);
  listener.on("notification", (message) => heard.push(message.payload ?? ""));
  await listener.query(`LISTEN "${rows[0]!.channel}"`);
});

afterAll(() => listener.end());

const event = (externalId: string, extra: Partial<NewEvent> = {}): NewEvent => ({
  projectId,
  externalId,
  type: "call",
  payload: { id: externalId },
  status: "queued",
  reason: null,
  occurredAt: new Date("2026-11-20T10:00:00Z"),
  clientPhone: "+380671234567",
  clientKey: "phone:+380671234567",
  concurrency: 10,
  ...extra,
});

const jobOf = async (eventId: string) =>
  (await db().$queryRawUnsafe<Array<Record<string, unknown>>>(`SELECT * FROM ${JOB_SCHEMA}.job WHERE name = $1 AND data->>'eventId' = $2`, DELIVERY_QUEUE, eventId));

/** What must match: every column but the ones that differ per job or per moment of insertion. */
function comparable(row: Record<string, unknown>) {
  const { id, data, created_on, start_after, keep_until, trace_context, ...rest } = row;
  void id;
  void created_on;
  void trace_context;
  return { ...rest, dataKeys: Object.keys(data as object).sort(), retentionMs: (keep_until as Date).getTime() - (start_after as Date).getTime() };
}

/** Notifications heard up to a marker sent after `work` (NOTIFY is delivered at commit, in order). */
async function notificationsOf(work: () => Promise<unknown>): Promise<string[]> {
  heard.length = 0;
  await work();
  const { rows } = await pgPool().query<{ channel: string }>(`SELECT ${NOTIFY_CHANNEL_SQL} AS channel`);
  await pgPool().query(`SELECT pg_notify($1, 'marker')`, [rows[0]!.channel]);
  await expect.poll(() => heard.includes("marker")).toBe(true);
  return heard.slice(0, heard.indexOf("marker"));
}

describe("delivery jobs written with their events", () => {
  it("equal the job pg-boss's own insert writes for the same client", async () => {
    const [ours] = await insertEventsOnce([event("rows-ours")]);
    const client = await pgPool().connect();
    const theirsId = crypto.randomUUID();
    try {
      await enqueueDeliveries([{ eventId: theirsId, projectId, clientKey: "phone:+380671234567", occurredAt: new Date("2026-11-20T10:00:00Z"), concurrency: 10 }], pgClientDb(client));
    } finally {
      client.release();
    }
    const [mine] = await jobOf(ours!.answer.eventId);
    const [theirs] = await jobOf(theirsId);
    expect(mine).toBeDefined();
    expect(comparable(mine!)).toEqual(comparable(theirs!));
    expect(mine).toMatchObject({ singleton_key: `${projectId}|phone:+380671234567`, group_id: projectId, group_tier: "c10", policy: "key_strict_fifo", state: "created" });
    expect(mine!.data).toEqual({ eventId: ours!.answer.eventId, projectId });
  });

  it("wake workers on the channel pg-boss listens on, only when a job was written", async () => {
    const theirs = await notificationsOf(async () => {
      const client = await pgPool().connect();
      try {
        await enqueueDeliveries([{ eventId: crypto.randomUUID(), projectId, clientKey: "phone:+380500000001", occurredAt: new Date(), concurrency: 10 }], pgClientDb(client));
      } finally {
        client.release();
      }
    });
    expect(theirs).toEqual([DELIVERY_QUEUE]);
    expect(await notificationsOf(() => insertEventsOnce([event("wake-1"), event("wake-2")]))).toEqual([DELIVERY_QUEUE]);
    // Nothing written: a repeated event and a skipped one.
    expect(await notificationsOf(() => insertEventsOnce([event("wake-1"), event("wake-skipped", { status: "skipped", reason: "stop-list: office", clientKey: null })]))).toEqual([]);
  });

  it("exist only for events stored as queued by this statement", async () => {
    const outcomes = await insertEventsOnce([event("only-1"), event("only-1"), event("only-2", { status: "skipped", reason: "stop-list: office" }), event("only-3")]);
    expect(outcomes.map((outcome) => outcome.created)).toEqual([true, false, true, true]);
    expect(outcomes[1]!.answer.eventId).toBe(outcomes[0]!.answer.eventId);
    expect(await jobOf(outcomes[0]!.answer.eventId)).toHaveLength(1);
    expect(await jobOf(outcomes[2]!.answer.eventId)).toHaveLength(0);
    expect(await jobOf(outcomes[3]!.answer.eventId)).toHaveLength(1);
    // Sent again by the platform: stored once, no second job.
    const again = await insertEventsOnce([event("only-3")]);
    expect(again[0]).toEqual({ created: false, answer: outcomes[3]!.answer });
    expect(await jobOf(outcomes[3]!.answer.eventId)).toHaveLength(1);
  });
});
