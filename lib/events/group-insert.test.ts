// Group commit keeps tenants apart: a statement that fails because of one row (a value PostgreSQL refuses,
// a project deleted meanwhile) is retried without that row, so only that row's request fails.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import type { NewEvent } from "@/lib/db/queries/events";
import { makeProject } from "@/testing/factories";
import { storeEvent } from "./group-insert";

let projectId: string;

beforeAll(async () => {
  const created = await makeProject("Group insert");
  projectId = (await db().project.findUniqueOrThrow({ where: { key: created.projectKey } })).id;
});

const event = (externalId: string, overrides: Partial<NewEvent> = {}): NewEvent => ({
  projectId,
  externalId,
  type: "call",
  payload: { id: externalId },
  status: "queued",
  reason: null,
  occurredAt: new Date("2026-11-21T10:00:00Z"),
  clientPhone: null,
  clientKey: `key:${externalId}`,
  ...overrides,
});

describe("storeEvent (group commit)", () => {
  it("fails only the row PostgreSQL refuses, and a row of a missing project with 404; the rest of the batch is stored", async () => {
    const run = `gi-${Date.now()}`;
    // The first call is written alone at once; the ones behind it form one batch.
    const inputs = Array.from({ length: 30 }, (_, index) => event(`${run}-${index}`));
    inputs[7] = event(`${run}-nul`, { payload: { id: "bad\u0000value" } });
    inputs[12] = event(`${run}-gone`, { projectId: crypto.randomUUID() });
    inputs[20] = event(`${run}-surrogate`, { payload: { text: "\ud800" } });
    const outcomes = await Promise.allSettled(inputs.map((input) => storeEvent(input)));
    const failed = outcomes.flatMap((outcome, index) => (outcome.status === "rejected" ? [[index, (outcome.reason as { code?: string; status?: number }).code, (outcome.reason as { status?: number }).status]] : []));
    expect(failed).toEqual([
      [7, "UNPROCESSABLE", 422],
      [12, "NOT_FOUND", 404],
      [20, "UNPROCESSABLE", 422],
    ]);
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled" && outcome.value.created)).toHaveLength(27);
    expect(await db().event.count({ where: { projectId, externalId: { startsWith: run } } })).toBe(27);
  });

  it("still answers a repeated id within a retried batch with the first row", async () => {
    const run = `gi-dup-${Date.now()}`;
    const inputs = [event(`${run}-first`), event(`${run}-a`), event(`${run}-bad`, { payload: { x: "\u0000" } }), event(`${run}-a`)];
    const outcomes = await Promise.allSettled(inputs.map((input) => storeEvent(input)));
    expect(outcomes.map((outcome) => outcome.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled"]);
    const [, a, , again] = outcomes as [unknown, PromiseFulfilledResult<{ created: boolean; answer: { eventId: string } }>, unknown, PromiseFulfilledResult<{ created: boolean; answer: { eventId: string } }>];
    expect(a.value.created).toBe(true);
    expect(again.value).toMatchObject({ created: false, answer: { eventId: a.value.answer.eventId } });
  });
});
