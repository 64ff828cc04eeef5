// Next's onRequestError hook (instrumentation.ts): a server error becomes one scrubbed JSON log line and
// an exception on the request's span, exported over OTLP/HTTP to a receiver on 127.0.0.1.
import { Writable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { processShared } from "@/lib/cache/process-shared";
import { startOtlpReceiver } from "@/testing/otlp-receiver";
import { createLogger } from "./logger";

const lines: string[] = [];
// The app's logger configuration, writing where the test can read it (set before anything logs).
processShared("logger", () => createLogger(new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) })));

const receiver = await startOtlpReceiver();
process.env.OTEL_EXPORTER_OTLP_ENDPOINT = receiver.url;
process.env.OTEL_BSP_SCHEDULE_DELAY = "50";
const { inSpan, startTracing, stopTracing, SpanKind } = await import("./tracing");
const { onRequestError } = await import("@/instrumentation");

afterAll(async () => {
  await receiver.close();
});

describe("onRequestError", () => {
  it("logs the error scrubbed and marks the request's span failed", async () => {
    process.env.NEXT_RUNTIME = "nodejs";
    await startTracing("callbridge-test");
    const error = new Error("lookup of +380671234567 for olena@example.test failed");
    await inSpan("GET /projects/[projectKey]/events", { kind: SpanKind.SERVER }, async () => {
      await onRequestError(error, { path: "/projects/demo/events?q=olena@example.test", method: "GET" }, { routePath: "/projects/[projectKey]/events", routeType: "render", routerKind: "App Router" });
    });
    await stopTracing();

    const line = lines.map((text) => JSON.parse(text) as Record<string, unknown>).find((entry) => entry.msg === "server error")!;
    expect(line).toMatchObject({ level: "error", method: "GET", path: "/projects/demo/events", routePath: "/projects/[projectKey]/events", routeType: "render" });
    expect((line.err as { message: string }).message).toBe("lookup of [redacted] for [redacted] failed");
    expect(lines.join("")).not.toMatch(/380671234567|olena@example\.test/);

    const span = receiver.spans.find((entry) => entry.name === "GET /projects/[projectKey]/events")!;
    expect(span.service).toBe("callbridge-test");
    expect(span.status?.code).toBe(2);
    expect(receiver.bodies.join("")).toContain('"exception"');
    expect(receiver.bodies.join("")).toContain("lookup of [redacted] for [redacted] failed");
    expect(receiver.bodies.join("")).not.toMatch(/380671234567|olena@example\.test/);
  });
});
