// The ways deliveries are started: the cron route (CRON_SECRET) and the config API's deliveries/run.
import { describe, expect, it } from "vitest";
import { POST as cron } from "@/app/api/cron/[job]/route";
import { POST as run } from "@/app/api/v1/projects/[projectKey]/deliveries/run/route";
import { makeProject } from "@/lib/testing/factories";

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
    const project = await makeProject("Trigger");
    const call = (token?: string) =>
      run(new Request("http://localhost", { method: "POST", headers: token ? { authorization: `Bearer ${token}` } : {} }), { params: Promise.resolve({ projectKey: project.projectKey }) });
    expect((await call()).status).toBe(401);
    const response = await call(project.apiToken);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ claimed: 0, delivered: 0, retrying: 0, failed: 0, dead: 0, paused: 0, skipped: 0 });
  });
});
