// The ways deliveries are started: the cron route (CRON_SECRET) and the config API's deliveries/run.
import { describe, expect, it } from "vitest";
import { POST as cron } from "@/app/api/cron/[job]/route";
import { POST as run } from "@/app/api/v1/projects/[projectKey]/deliveries/run/route";
import { db } from "@/lib/db/client";
import { connectActive } from "@/testing/connected";
import { insertTestEvent, makeProject } from "@/testing/factories";
import { openSandbox, pipedriveCredentials } from "@/testing/sandbox";

const cronCall = (job: string, authorization?: string) =>
  cron(new Request(`http://localhost/api/cron/${job}`, { method: "POST", headers: authorization ? { authorization } : {} }), { params: Promise.resolve({ job }) });

describe("delivery triggers", () => {
  // A successful cron run would deliver every project's due events, racing other test files; the
  // delivery itself is covered by worker.test.ts and deliveries/run below.
  it("the cron route needs the cron secret and a known job", async () => {
    expect((await cronCall("deliver")).status).toBe(401);
    expect((await cronCall("deliver", "Bearer wrong")).status).toBe(401);
    const unknown = await cronCall("nope", `Bearer ${process.env.CRON_SECRET}`);
    expect([unknown.status, (await unknown.json()).error.message]).toEqual([404, 'No cron job "nope". Jobs: deliver, alerts.']);
  });

  it("deliveries/run drains the project's due events with its API token", async () => {
    const sandbox = await openSandbox("pipedrive", "trigger");
    try {
      const project = await makeProject("Trigger");
      const row = await db().project.findUniqueOrThrow({ where: { key: project.projectKey } });
      await connectActive(row, await pipedriveCredentials(sandbox), { userId: null, actor: "test" });
      const call = (token?: string) =>
        run(new Request("http://localhost", { method: "POST", headers: token ? { authorization: `Bearer ${token}` } : {} }), { params: Promise.resolve({ projectKey: project.projectKey }) });
      const event = (id: string) => ({ id, type: "call", direction: "incoming", status: "answered", startedAt: new Date().toISOString(), durationSec: 12, caller: `+38067444${id.slice(-4)}`, callee: "+380441234567", line: "sales-1" });
      const ids = [await insertTestEvent(row.id, event("trigger-0001")), await insertTestEvent(row.id, event("trigger-0002"))];
      expect((await call()).status).toBe(401);
      expect(await db().event.count({ where: { id: { in: ids }, status: "delivered" } })).toBe(0);
      const response = await call(project.apiToken);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ claimed: 2, delivered: 2, failed: 0, dead: 0 });
      expect(await db().event.count({ where: { id: { in: ids }, status: "delivered" } })).toBe(2);
    } finally {
      await sandbox.server.close();
    }
  });
});
