// One tenant's webhooks never fail another's, over real HTTP into real app processes (the webhook's own
// ingest code behind node:http, testing/app-process.ts) on one PostgreSQL. Webhook inserts of all
// projects are group-committed in one statement, so these are the cases where one row could sink a batch.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { deleteProject } from "@/lib/projects/delete-project";
import { makeProject } from "@/testing/factories";
import { startScript, type Running } from "@/testing/processes";
import { signPayload } from "./signature";

type Project = { projectKey: string; webhookSecret: string };

// Ingest only: these processes must not take other test files' delivery jobs.
const startApp = () => startScript("testing/app-process.ts", { DELIVERY_CONCURRENCY: "0" });
const apps: Running[] = [];

beforeAll(async () => {
  apps.push(...(await Promise.all([startApp(), startApp()])));
}, 60_000);
afterAll(async () => {
  await Promise.all(apps.map((app) => app.stop()));
});

const call = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  type: "call",
  direction: "incoming",
  status: "answered",
  startedAt: "2026-11-21T10:00:00Z",
  caller: "+380671234567",
  callee: "+380441234567",
  line: "sales-1",
  ...extra,
});

async function post(app: Running, project: Project, event: object): Promise<{ status: number; body: { error?: { message: string; issues?: Array<{ path: string; message: string }> } } }> {
  // JSON.stringify writes a lone surrogate as the escape \ud800 and NUL as \u0000: valid JSON either way.
  const body = JSON.stringify(event);
  const timestamp = Math.floor(Date.now() / 1000);
  const response = await fetch(`${app.url}/api/webhooks/${project.projectKey}/events`, {
    method: "POST",
    body,
    headers: { "content-type": "application/json", "x-callbridge-timestamp": String(timestamp), "x-callbridge-signature": signPayload(project.webhookSecret, timestamp, body) },
  });
  return { status: response.status, body: await response.json() };
}

describe("tenant isolation at ingest", () => {
  it("answers project B's events 202 while project A posts NUL and lone surrogates beside them; A's answer 400 naming the field", { timeout: 120_000 }, async () => {
    const [a, b] = await Promise.all([makeProject("Tenant A"), makeProject("Tenant B")]);
    const run = Date.now();
    const poisoned: Array<[object, string]> = [
      [call(`a-${run}-1`, { caller: "+38067\u00001234567" }), "caller"],
      [call(`a-${run}-2`, { line: "sales-\ud800" }), "line"],
      [call(`a-${run}-3`, { employee: { sip: "olena", name: "Olena \udc00" } }), "employee.name"],
      [call(`a-${run}-4`, { variables: { segment: "v\u0000ip" } }), "variables.segment"],
      [call(`a-${run}-5`, { campaign: "spring\ud83d" }), "variables.campaign"],
      [call(`a-${run}-6`, { utm: { source: "\u0000" } }), "utm.source"],
      [{ id: `a-${run}-7`, type: "form", submittedAt: "2026-11-21T10:00:00Z", fields: { "te\u0000l": "0671234567" } }, "fields.te\u0000l"],
      [{ id: `a-${run}-8`, type: "messenger", channel: "telegram", sentAt: "2026-11-21T10:00:00Z", client: { messengerId: "tg\ud800" } }, "client.messengerId"],
      [call(`a-${run}-\u0000`), "id"],
    ];
    const rounds = 4;
    const answers = await Promise.all([
      ...Array.from({ length: 200 }, (_, index) => post(apps[index % 2]!, b, call(`b-${run}-${index}`)).then((answer) => ({ tenant: "B", answer, field: "" }))),
      ...Array.from({ length: rounds }, (_, round) => poisoned.map(([event, field], index) => post(apps[(round + index) % 2]!, a, { ...event, id: `${(event as { id: string }).id}-${round}` }).then((answer) => ({ tenant: "A", answer, field })))).flat(),
    ]);
    const ofB = answers.filter((entry) => entry.tenant === "B");
    expect(ofB.filter((entry) => entry.answer.status !== 202).map((entry) => entry.answer)).toEqual([]);
    for (const { answer, field } of answers.filter((entry) => entry.tenant === "A")) {
      expect(answer.status, JSON.stringify(answer.body)).toBe(400);
      // The id the test added to id itself does not change its field's name.
      if (field !== "id") expect(answer.body.error?.issues?.map((issue) => issue.path)).toContain(field);
      else expect(answer.body.error?.issues?.map((issue) => issue.path)).toEqual(["id"]);
      expect(answer.body.error?.message).toMatch(/NUL|surrogate/);
    }
    const bProject = await db().project.findUniqueOrThrow({ where: { key: b.projectKey } });
    expect(await db().event.count({ where: { projectId: bProject.id, externalId: { startsWith: `b-${run}-` } } })).toBe(200);
  });

  it("answers a string longer than its limit 400 naming the field and the limit", async () => {
    const project = await makeProject("Tenant long");
    const answer = await post(apps[0]!, project, call(`long-${Date.now()}`, { line: "l".repeat(5_000) }));
    expect(answer.status).toBe(400);
    expect(answer.body.error?.issues).toEqual([{ path: "line", message: expect.stringMatching(/at most \d+ characters/) }]);
  });

  it("answers 404 at once on a process that still has a deleted project cached, instead of failing the batch", async () => {
    const [doomed, neighbour] = await Promise.all([makeProject("Doomed"), makeProject("Neighbour")]);
    const run = Date.now();
    // Both processes now hold the project (and its secret) in memory for a few seconds.
    for (const app of apps) expect((await post(app, doomed, call(`d-${run}-${app.url}`))).status).toBe(202);
    await deleteProject(doomed.projectKey, doomed.projectKey);
    const answers = await Promise.all(
      apps.flatMap((app) => [
        post(app, doomed, call(`d-${run}-after`)).then((answer) => ["doomed", answer.status] as const),
        ...Array.from({ length: 20 }, (_, index) => post(app, neighbour, call(`n-${run}-${app.url}-${index}`)).then((answer) => ["neighbour", answer.status] as const)),
      ]),
    );
    expect(answers.filter(([who]) => who === "doomed").map(([, status]) => status)).toEqual([404, 404]);
    expect(answers.filter(([who, status]) => who === "neighbour" && status !== 202)).toEqual([]);
    // Forgotten there: the next request reads the database and finds the project deleted — still 404, on
    // every process, while a key that never existed answers like a wrong signature.
    for (const app of apps) {
      const later = await post(app, doomed, call(`d-${run}-later`));
      expect(later.status).toBe(404);
      expect(later.body.error?.message).toBe("This project was deleted.");
      expect((await post(app, { ...doomed, projectKey: `${doomed.projectKey}x` }, call(`d-${run}-never`))).status).toBe(401);
    }
  });
});
