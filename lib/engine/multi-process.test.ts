// Delivery scaled out: three app processes (webhook ingest + delivery worker each) on one PostgreSQL,
// 30 new clients × 5 events (calls, a form and a chat per client) posted across all three. The CRM must
// end with one person per client, every call logged once, and each client's events written in order.
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { signPayload } from "@/lib/events/signature";
import { normalisePhone } from "@/lib/phone/variants";
import { setUpBulkProject, SHAPE, type BulkProject } from "@/testing/bulk";
import { makeRetriesDue } from "@/testing/jobs";
import { openFreshDatabase } from "@/testing/fresh-database";
import { startScript, type Running } from "@/testing/processes";

// Its own database: the workers this file starts must not take other files' jobs, nor theirs these.
await openFreshDatabase("multi_process");

const CLIENTS = 30;

const startApp = () => startScript("testing/app-process.ts");

/** Five events per client, a minute apart: answered call, form, missed call, chat, answered call. */
function clientEvents(client: number, start: number) {
  const phone = `+38067${String(7_000_000 + client * 13).padStart(7, "0")}`;
  const local = `0${normalisePhone(phone, "UA")!.nationalSignificant}`;
  const at = (step: number) => new Date(start + client * 1_000 + step * 60_000).toISOString();
  const call = (step: number, status: "answered" | "missed") => ({
    id: `mp-${start}-${client}-${step}`,
    type: "call",
    direction: "incoming",
    status,
    startedAt: at(step),
    durationSec: status === "answered" ? 40 : 0,
    caller: step === 4 ? local : phone,
    callee: "+380441234567",
    line: "sales-1",
    employee: { sip: "olena" },
  });
  return {
    phone,
    events: [
      call(0, "answered"),
      { id: `mp-${start}-${client}-1`, type: "form", submittedAt: at(1), formName: "Contact us", fields: { tel: local, name: `Client ${client}` } },
      call(2, "missed"),
      { id: `mp-${start}-${client}-3`, type: "messenger", channel: "telegram", sentAt: at(3), client: { messengerId: `tg-${client}`, phone, name: `Client ${client}` } },
      call(4, "answered"),
    ],
  };
}

async function post(app: Running, projectKey: string, secret: string, event: object) {
  const body = JSON.stringify(event);
  const timestamp = Math.floor(Date.now() / 1000);
  const response = await fetch(`${app.url}/api/webhooks/${projectKey}/events`, {
    method: "POST",
    body,
    headers: { "content-type": "application/json", "x-callbridge-timestamp": String(timestamp), "x-callbridge-signature": signPayload(secret, timestamp, body) },
  });
  expect(response.status).toBe(202);
}

async function waitForDeliveries(projectId: string, total: number) {
  for (let round = 0; round < 600; round++) {
    const done = await db().event.count({ where: { projectId, status: { in: ["delivered", "failed", "dead"] }, nextAttemptAt: null } });
    if (done === total) return;
    // Time travel: retries that backoff scheduled for later become due now (the workers take them).
    await makeRetriesDue(projectId);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error("deliveries did not finish");
}

describe.each(["pipedrive", "zoho"] as const)("three app processes delivering into %s", (crm) => {
  const apps: Running[] = [];
  const envs: BulkProject[] = [];
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.stop()));
    await Promise.all(envs.map((env) => env.sandbox.server.close()));
  });

  for (const faults of [false, true]) {
    it(faults ? "with 20% 5xx and 429 bursts" : "undisturbed", { timeout: 600_000 }, async () => {
      const env = await setUpBulkProject(crm, faults ? "multi-faults" : "multi");
      envs.push(env);
      const { openSecret, secretPlaces } = await import("@/lib/crypto/secrets");
      const secret = openSecret((await db().project.findUniqueOrThrow({ where: { id: env.project.id } })).webhookSecretEncrypted, secretPlaces.webhookSecret(env.project.id));
      if (faults) await env.sandbox.control({ errorRate: 0.2, burst429: 15 });
      while (apps.length < 3) apps.push(await startApp());

      const start = Date.now() - 3_600_000;
      const clients = Array.from({ length: CLIENTS }, (_, client) => clientEvents(client, start));
      // Every client posts its events in order, each to the next process; clients go side by side.
      await Promise.all(clients.map(async (client, index) => {
        for (const [step, event] of client.events.entries()) await post(apps[(index + step) % 3]!, env.project.key, secret, event);
      }));
      await waitForDeliveries(env.project.id, CLIENTS * 5);

      const events = await db().event.findMany({ where: { projectId: env.project.id }, select: { externalId: true, status: true, reason: true, occurredAt: true, deliveredAt: true, clientKey: true } });
      expect(events.filter((event) => event.status !== "delivered")).toEqual([]);
      // One person per client, whatever format each event gave the number in.
      const persons = await db().sandboxRecord.findMany({ where: { accountId: env.accountId, module: SHAPE[crm].contacts } });
      for (const client of clients) {
        const holders = persons.filter((row) => SHAPE[crm].phones(row.data as Record<string, unknown>).some((value) => typeof value === "string" && normalisePhone(value, "UA")?.e164 === client.phone));
        expect(holders.length, client.phone).toBe(1);
      }
      // Every call logged exactly once.
      expect(await db().sandboxRecord.count({ where: { accountId: env.accountId, module: SHAPE[crm].calls } })).toBe(CLIENTS * 3);
      // Each client's events reached the CRM one at a time, in the order they happened.
      const byClient = new Map<string, typeof events>();
      for (const event of events) byClient.set(event.clientKey!, [...(byClient.get(event.clientKey!) ?? []), event]);
      expect(byClient.size).toBe(CLIENTS);
      for (const list of byClient.values()) {
        const delivered = [...list].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime()).map((event) => event.deliveredAt!.getTime());
        expect(delivered).toEqual([...delivered].sort((a, b) => a - b));
      }
    });
  }
});
