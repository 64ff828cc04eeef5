// Webhook requests per project per second, shared by every app process through PostgreSQL: a flood on
// project A answers 429 with Retry-After (the event not stored, so the platform sends it again) while
// project B's webhooks, posted into the same two processes at the same time, are all accepted.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { makeProject } from "@/testing/factories";
import { startScript, type Running } from "@/testing/processes";
import { signPayload } from "./signature";

const LIMIT = 20;
type Project = Awaited<ReturnType<typeof makeProject>>;

// Ingest only (no delivery lanes), each with the same quota.
const startApp = () => startScript("testing/app-process.ts", { DELIVERY_CONCURRENCY: "0", WEBHOOK_REQUESTS_PER_PROJECT_PER_SECOND: String(LIMIT) });
const apps: Running[] = [];

beforeAll(async () => {
  apps.push(...(await Promise.all([startApp(), startApp()])));
}, 60_000);
afterAll(async () => {
  await Promise.all(apps.map((app) => app.stop()));
});

async function post(app: Running, project: Project, id: string) {
  const body = JSON.stringify({ id, type: "call", direction: "incoming", status: "answered", startedAt: "2026-12-10T10:00:00Z", caller: "+380671234567", callee: "+380441234567", line: "sales-1" });
  const timestamp = Math.floor(Date.now() / 1000);
  const response = await fetch(`${app.url}/api/webhooks/${project.projectKey}/events`, {
    method: "POST",
    body,
    headers: { "content-type": "application/json", "x-callbridge-timestamp": String(timestamp), "x-callbridge-signature": signPayload(project.webhookSecret, timestamp, body) },
  });
  return { id, status: response.status, retryAfter: response.headers.get("retry-after"), body: (await response.json()) as { error?: { code: string; message: string } } };
}

describe("webhook quota per project", () => {
  it("answers a flood on A 429 with Retry-After across 2 processes, stores none of the refused, and accepts all of B", { timeout: 60_000 }, async () => {
    const [a, b] = await Promise.all([makeProject("Quota A"), makeProject("Quota B")]);
    const run = Date.now();
    // 200 of A against 20 a second, 15 of B (within its own 20), interleaved over both processes.
    const flood = Array.from({ length: 200 }, (_, index) => post(apps[index % 2]!, a, `a-${run}-${index}`));
    const calm = Array.from({ length: 15 }, (_, index) => post(apps[index % 2]!, b, `b-${run}-${index}`));
    const [aAnswers, bAnswers] = await Promise.all([Promise.all(flood), Promise.all(calm)]);

    expect(bAnswers.map((answer) => answer.status)).toEqual(Array(15).fill(202));
    const accepted = aAnswers.filter((answer) => answer.status === 202);
    const refused = aAnswers.filter((answer) => answer.status === 429);
    expect(accepted.length + refused.length).toBe(200);
    // Both processes together admit at most the limit per second (the flood may straddle two windows).
    expect(accepted.length).toBeGreaterThan(0);
    expect(accepted.length).toBeLessThanOrEqual(2 * LIMIT);
    for (const answer of refused) {
      expect(Number(answer.retryAfter)).toBeGreaterThanOrEqual(1);
      expect(answer.body.error).toMatchObject({ code: "RATE_LIMITED", message: expect.stringMatching(/more than 20 webhook requests per second \(WEBHOOK_REQUESTS_PER_PROJECT_PER_SECOND\); the event was not stored/) });
    }
    const stored = await db().event.findMany({ where: { projectId: (await db().project.findUniqueOrThrow({ where: { key: a.projectKey } })).id }, select: { externalId: true } });
    expect(stored.map((event) => event.externalId).sort()).toEqual(accepted.map((answer) => answer.id).sort());

    // After Retry-After the platform's retry of a refused event is accepted.
    await new Promise((resolve) => setTimeout(resolve, Number(refused[0]!.retryAfter) * 1000 + 100));
    expect((await post(apps[1]!, a, refused[0]!.id)).status).toBe(202);
  });
});
