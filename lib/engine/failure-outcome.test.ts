// What a failed attempt comes to, decided from the thrown value's fields. The errors here are built the way
// another server bundle's copy of lib/errors would build them (same fields, different class): the case in
// which `instanceof` lost 70 of 100 events of a burst.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { AuthError, PermanentError, QuotaError, RetryableError } from "@/lib/errors";
import { reasonInWords } from "@/lib/events/reason";
import { insertTestEvent, makeProject } from "@/testing/factories";
import { failureOutcome, failureText } from "./failure-outcome";

const now = new Date("2026-12-02T10:00:00Z");
const fresh = { attempts: 0, occurredAt: new Date("2026-12-02T09:59:00Z") };
const half = () => 0.5;

/** The same error as another bundle's class would make it: equal fields, a different prototype. */
function foreign<T extends Error>(error: T): Record<string, unknown> {
  const copy = Object.create(null) as Record<string, unknown>;
  for (const key of Object.getOwnPropertyNames(error)) copy[key] = (error as unknown as Record<string, unknown>)[key];
  copy.message = error.message;
  copy.name = error.name;
  return copy;
}

describe("failureOutcome", () => {
  it("a limiter refusal that escaped (a plain object) is retried with a reason, never failed for good", () => {
    const refusal = { remainingPoints: 0, msBeforeNext: 1669, consumedPoints: 11, isFirstInDuration: false };
    const outcome = failureOutcome(refusal, fresh, now, half);
    expect(outcome).toMatchObject({ action: "retry", unexpected: true });
    expect(outcome.reason).toMatch(/^unexpected error, tried again later: unexpected error: \{"remainingPoints":0,"msBeforeNext":1669/);
    expect(reasonInWords(outcome.reason)?.key).toBe("unexpected");
  });

  it("a TypeError, a thrown string and undefined are retried with words, not failed", () => {
    for (const thrown of [new TypeError("Cannot read properties of undefined (reading 'id')"), "socket hang up", undefined]) {
      const outcome = failureOutcome(thrown, fresh, now, half);
      expect(outcome.action).toBe("retry");
      expect(outcome.reason.trim().length).toBeGreaterThan(10);
    }
  });

  it("errors from another bundle's classes are recognised by their kind", () => {
    expect(failureOutcome(foreign(new PermanentError("Deal_Name: MANDATORY_NOT_FOUND (Deal_Name)")), fresh, now).action).toBe("fail");
    expect(failureOutcome(foreign(new AuthError("invalid oauth token")), fresh, now)).toEqual({ action: "broken", reason: "paused: invalid oauth token" });
    const retry = failureOutcome(foreign(new RetryableError("429 TOO_MANY_REQUESTS", { status: 429 }, 90_000)), fresh, now, half);
    expect(retry).toMatchObject({ action: "retry", unexpected: false, reason: "429 TOO_MANY_REQUESTS" });
    // The CRM's reset wins over a shorter backoff.
    expect((retry as { retryAt: Date }).retryAt.getTime() - now.getTime()).toBe(90_000);
  });

  it("a used-up quota pauses until the CRM's reset, with the quota and the reset time in the reason", () => {
    const resumeAt = new Date("2026-12-03T00:00:00Z");
    const outcome = failureOutcome(foreign(new QuotaError("Daily rate limit reached", "daily_budget", resumeAt, { status: 429 })), fresh, now);
    expect(outcome).toEqual({ action: "pause", quota: "daily_budget", resumeAt, crmWords: "Daily rate limit reached", reason: "quota: daily_budget until 2026-12-03T00:00:00.000Z: Daily rate limit reached" });
    expect(reasonInWords(outcome.reason)).toEqual({ key: "quotaPaused", values: { quota: "daily_budget", until: "2026-12-03T00:00:00.000Z" } });
    // A reset time already past (clock skew) or missing still pauses, for an hour.
    const past = failureOutcome({ kind: "quota", message: "unpaid", quota: "unpaid", resumeAt: "garbage" }, fresh, now);
    expect(past).toMatchObject({ action: "pause", quota: "unpaid", resumeAt: new Date("2026-12-02T11:00:00Z") });
  });

  it("after about 3 days of retries the event is dead, with the last reason", () => {
    const old = { attempts: 41, occurredAt: new Date("2026-11-28T09:00:00Z") };
    expect(failureOutcome(new RetryableError("HTTP 503"), old, now)).toEqual({ action: "dead", reason: "gave up after 42 attempts: HTTP 503" });
  });

  it("the CRM's own detail is kept beside our words", () => {
    expect(failureText(new PermanentError("POST /v1/callLogs: refused", { status: 403, crmDetail: "You are not allowed to add call logs for other users" }))).toBe(
      "POST /v1/callLogs: refused (You are not allowed to add call logs for other users)",
    );
  });
});

describe("the event store", () => {
  it("refuses a failed or dead event without a reason", async () => {
    const { projectKey } = await makeProject("Reasonless");
    const project = await db().project.findUniqueOrThrow({ where: { key: projectKey } });
    const id = await insertTestEvent(project.id, { id: "reasonless-1", type: "call", direction: "incoming", status: "missed", startedAt: new Date().toISOString(), durationSec: 0, caller: "+380501112299", callee: "+380441234567", line: "sales-1" });
    for (const status of ["failed", "dead"] as const) {
      for (const reason of [null, "", "   "]) {
        await expect(db().event.update({ where: { id }, data: { status, reason } })).rejects.toThrow(/Event_failure_has_reason/);
      }
    }
    await db().event.update({ where: { id }, data: { status: "failed", reason: "HTTP 503" } });
    expect((await db().event.findUniqueOrThrow({ where: { id } })).status).toBe("failed");
  });
});
