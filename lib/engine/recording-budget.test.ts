// A recording host that never finishes sending must not hold a delivery lane: the download has its own
// time budget (RECORDING_DOWNLOAD_BUDGET_MS), after which the event is retried later — keeping the call
// log its first attempt wrote — and the lane takes the next client's event. Real worker (one lane), real
// Pipedrive sandbox (it stores recordings as files, so links are downloaded), a real stalling HTTP host.
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openFreshDatabase } from "@/testing/fresh-database";

// Its own database: the worker this file starts must take no other file's jobs. A short budget, set
// before the app's env is first read.
await openFreshDatabase("recording_budget");
process.env.RECORDING_DOWNLOAD_BUDGET_MS = "1000";

const { db } = await import("@/lib/db/client");
const { startDeliveryWorker } = await import("./worker");
const { makeRetriesDue } = await import("@/testing/jobs");
const { MODULES, setUp } = await import("@/testing/delivery-env");

/** A recording host: while `stalling`, it sends the headers and a first chunk, then nothing more. */
function recordingHost() {
  const stalled: ServerResponse[] = [];
  const state = { stalling: true, closedByClient: 0 };
  const server = createServer((request, response) => {
    if (!state.stalling) {
      response.writeHead(200, { "content-type": "audio/mpeg" }).end(Buffer.alloc(2_048, 7));
      return;
    }
    response.writeHead(200, { "content-type": "audio/mpeg", "content-length": "100000" });
    response.write(Buffer.alloc(1_024, 7));
    stalled.push(response);
    request.socket.once("close", () => state.closedByClient++);
  });
  return {
    state,
    listen: () => new Promise<string>((resolve) => server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`))),
    close: () => {
      for (const response of stalled) response.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function until(check: () => Promise<boolean>, limitMs = 20_000) {
  const deadline = Date.now() + limitMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("a recording download over its budget", () => {
  const host = recordingHost();
  let env: Awaited<ReturnType<typeof setUp>>;
  let base: string;
  beforeAll(async () => {
    base = await host.listen();
    env = await setUp("pipedrive", "recording-budget");
    // One lane: if the stalled download held it, nothing else of any client could be delivered.
    await startDeliveryWorker(1);
  });
  afterAll(async () => {
    await host.close();
    await env.sandbox.server.close();
  });

  it("lets go of the lane, then the retry finishes the event keeping its call log", { timeout: 60_000 }, async () => {
    const stuck = await env.call("+380501110001", { recordingUrl: `${base}/slow.mp3` });
    // Another client's call, queued behind it; no recording.
    const next = await env.call("+380501110002", { recordingUrl: undefined });

    await until(async () => (await env.event(next)).status === "delivered");
    const first = await env.event(stuck);
    // The download was given up (the connection closed by us, the host still stalling) and the event
    // waits for a retry, not failed for good.
    expect(host.state.closedByClient).toBeGreaterThanOrEqual(1);
    expect(first.status).toBe("failed");
    expect(first.nextAttemptAt).not.toBeNull();
    expect(first.reason).toMatch(/recording/i);
    const logged = (first.trace as Array<{ op: string; ok: boolean; id?: string; step?: string }>).filter((entry) => entry.ok && entry.step === "callLog");
    expect(logged).toHaveLength(1);
    expect(await env.files()).toBe(0);

    host.state.stalling = false;
    await makeRetriesDue(env.project.id);
    await until(async () => (await env.event(stuck)).status === "delivered");
    const done = await env.event(stuck);
    // The retry reused the call log of the first attempt: one per call, with the recording attached.
    const steps = (done.trace as Array<{ ok: boolean; id?: string; step?: string }>).filter((entry) => entry.ok && entry.step === "callLog");
    expect(new Set(steps.map((entry) => entry.id))).toEqual(new Set([logged[0]!.id]));
    expect(await env.count(MODULES.pipedrive.calls)).toBe(2);
    expect(await env.files()).toBe(1);
    expect(await db().event.count({ where: { projectId: env.project.id, status: { not: "delivered" } } })).toBe(0);
  });
});
