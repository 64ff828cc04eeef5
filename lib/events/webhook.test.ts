// The events webhook through its real route handler and a real database.
import { describe, expect, it, beforeAll } from "vitest";
import { POST } from "@/app/api/webhooks/[projectKey]/events/route";
import { saveConfigSection } from "@/lib/config/service";
import { db } from "@/lib/db/client";
import { makeProject } from "@/testing/factories";
import { signPayload } from "./signature";
import { countingStream } from "@/testing/counting-stream";

let project: { projectKey: string; webhookSecret: string; id: string };

beforeAll(async () => {
  const created = await makeProject("Webhook test");
  const row = await db().project.findUniqueOrThrow({ where: { key: created.projectKey } });
  project = { ...created, id: row.id };
  await saveConfigSection({ id: row.id, key: row.key }, "stopList", [{ id: "s", kind: "sip", value: "office-101", note: "" }], { userId: null, actor: "test" });
});

const call = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  type: "call",
  direction: "incoming",
  status: "answered",
  startedAt: "2026-11-21T10:00:00Z",
  durationSec: 42,
  caller: "+380671234567",
  callee: "+380441234567",
  line: "sales-1",
  recordingUrl: "https://records.example.com/1.mp3",
  ...extra,
});

function post(body: unknown, options: { secret?: string; timestamp?: number; key?: string; signature?: string | null } = {}) {
  const raw = typeof body === "string" ? body : JSON.stringify(body);
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const signature = options.signature === undefined ? signPayload(options.secret ?? project.webhookSecret, timestamp, raw) : options.signature;
  const key = options.key ?? project.projectKey;
  return POST(
    new Request(`http://localhost/api/webhooks/${key}/events`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-callbridge-timestamp": String(timestamp), ...(signature ? { "x-callbridge-signature": signature } : {}) },
      body: raw,
    }),
    { params: Promise.resolve({ projectKey: key }) },
  );
}

const stored = (externalId: string) => db().event.findMany({ where: { projectId: project.id, externalId } });

describe("POST /api/webhooks/{projectKey}/events", () => {
  it("stores a signed call as queued before answering 202, keeping unknown keys in variables", async () => {
    const response = await post(call("call-1", { campaignGroup: "spring", variables: { segment: "vip" } }));
    expect(response.status).toBe(202);
    const answer = await response.json();
    expect(answer).toEqual({ eventId: expect.any(String), status: "queued" });
    const [row] = await stored("call-1");
    expect(row).toMatchObject({ id: answer.eventId, type: "call", status: "queued", occurredAt: new Date("2026-11-21T10:00:00Z") });
    expect((row!.payload as { variables: Record<string, string> }).variables).toEqual({ campaignGroup: "spring", segment: "vip" });
  });

  it("answers a repeated event id with the first answer (200) and stores nothing new, even when posted concurrently", async () => {
    const first = await (await post(call("call-2"))).json();
    const repeat = await post(call("call-2", { durationSec: 99 }));
    expect(repeat.status).toBe(200);
    expect(await repeat.json()).toEqual(first);
    const burst = await Promise.all(Array.from({ length: 20 }, () => post(call("call-3"))));
    expect(burst.filter((response) => response.status === 202)).toHaveLength(1);
    expect(new Set(await Promise.all(burst.map(async (response) => (await response.json()).eventId))).size).toBe(1);
    expect(await stored("call-2")).toHaveLength(1);
    expect(await stored("call-3")).toHaveLength(1);
  });

  it("stores a stop-listed call as skipped, with the reason", async () => {
    expect(await (await post(call("call-4", { line: "office-101" }))).json()).toMatchObject({ status: "skipped" });
    expect((await stored("call-4"))[0]?.reason).toBe("stop-list: office-101");
  });

  it("accepts forms and messenger chats", async () => {
    expect((await post({ id: "form-1", type: "form", submittedAt: "2026-11-21T10:00:00+02:00", fields: { tel: "0671234567", name: "Ivan" } })).status).toBe(202);
    expect((await post({ id: "chat-1", type: "messenger", channel: "telegram", sentAt: "2026-11-21T10:00:00Z", client: { messengerId: "tg-1", name: "Ivan" } })).status).toBe(202);
  });

  it("refuses unsigned, stale and forged requests, and stores nothing", async () => {
    const unsigned = await post(call("bad-1"), { signature: null });
    expect([unsigned.status, (await unsigned.json()).error.code]).toEqual([401, "UNAUTHENTICATED"]);
    expect((await post(call("bad-2"), { timestamp: Math.floor(Date.now() / 1000) - 301 })).status).toBe(401);
    expect((await post(call("bad-3"), { secret: "whsec_someone_else" })).status).toBe(401);
    expect((await post(call("bad-4"), { signature: "v1=00" })).status).toBe(401);
    expect(await db().event.count({ where: { projectId: project.id, externalId: { startsWith: "bad-" } } })).toBe(0);
  });

  it("answers an unknown project exactly as a wrong signature (401), so keys cannot be enumerated", async () => {
    for (const options of [{}, { signature: null }, { timestamp: 1 }]) {
      const unknown = await post(call("x"), { ...options, key: "no-such-project" });
      const forged = await post(call("x"), { ...options, secret: "whsec_someone_else" });
      expect([unknown.status, await unknown.json()]).toEqual([forged.status, await forged.json()]);
      expect(unknown.status).toBe(401);
    }
  });

  it("reads a chunked body without a length only up to the limit, then answers 413", async () => {
    const thirtyMegabytes = countingStream(30 * 1024 * 1024);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const response = await POST(
      new Request(`http://localhost/api/webhooks/${project.projectKey}/events`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-callbridge-timestamp": timestamp, "x-callbridge-signature": "v1=00" },
        body: thirtyMegabytes.body,
        duplex: "half",
      } as RequestInit),
      { params: Promise.resolve({ projectKey: project.projectKey }) },
    );
    expect(response.status).toBe(413);
    expect(thirtyMegabytes.pulled()).toBeLessThanOrEqual(256 * 1024 + 3 * thirtyMegabytes.chunkBytes);
  });

  it("refuses JSON nested deeper than 32 levels with a 400 naming it", async () => {
    const deep = `${"[".repeat(5000)}${"]".repeat(5000)}`;
    const response = await post(`{"id":"deep","type":"call","x":${deep}}`);
    expect([response.status, (await response.json()).error.message]).toEqual([400, "The JSON nests deeper than 32 levels."]);
    // Brackets inside strings are text, not nesting.
    expect((await post(call("brackets", { note: "[".repeat(100) }))).status).toBe(202);
  });

  it("answers invalid JSON and schema errors 400 naming the fields, an oversized body 413", async () => {
    const broken = await post("{not json");
    expect([broken.status, (await broken.json()).error.message]).toEqual([400, expect.stringMatching(/not valid JSON/)]);
    const invalid = await post({ id: "bad-5", type: "call", direction: "sideways", startedAt: "yesterday", caller: "", callee: "1", line: "l", status: "answered" });
    expect(invalid.status).toBe(400);
    expect((await invalid.json()).error.issues.map((issue: { path: string }) => issue.path).sort()).toEqual(["caller", "direction", "startedAt"]);
    expect((await post({ id: "bad-6", type: "fax" })).status).toBe(400);
    const huge = await post(call("bad-7", { note: "x".repeat(260 * 1024) }));
    expect(huge.status).toBe(413);
    expect(await db().event.count({ where: { projectId: project.id, externalId: { startsWith: "bad-" } } })).toBe(0);
  });
});
