// Pipedrive's company quotas reach the engine as QuotaError (pause until the reset), never as failures:
// the daily token budget (reset at the company's midnight) and an unpaid company (402).
import { afterEach, describe, expect, it } from "vitest";
import { crmErrorKind, isQuotaError, isRetryableError, type QuotaError } from "@/lib/errors";
import { openSandbox, pipedriveCredentials, type SandboxHandle } from "@/testing/sandbox";
import { PipedriveConnector } from "./connector";
import { nextMidnight } from "./daily-budget";

let open: SandboxHandle[] = [];
async function isolated(label: string) {
  const sandbox = await openSandbox("pipedrive", label, { record: true });
  open.push(sandbox);
  return { sandbox, pd: new PipedriveConnector(await pipedriveCredentials(sandbox)) };
}
afterEach(async () => {
  await Promise.all(open.map((sandbox) => sandbox.server.close()));
  open = [];
});
const caught = async (work: Promise<unknown>) => (await work.then(() => null).catch((error: unknown) => error)) as QuotaError | null;

describe("Pipedrive connector: the daily token budget", () => {
  it("a used-up budget is a QuotaError until the company's midnight (Europe/Kyiv, from users/me)", async () => {
    const { sandbox, pd } = await isolated("pd-budget");
    await pd.testConnection();
    await sandbox.control({ dailyBudgetLeft: 0 });
    const error = await caught(pd.listUsers());
    expect(crmErrorKind(error)).toBe("quota");
    expect(error).toMatchObject({ quota: "daily_budget", details: { status: 429 } });
    expect(error!.resumeAt.toISOString()).toBe(nextMidnight(new Date(), "Europe/Kyiv").toISOString());
    // Midnight in Kyiv is 22:00 or 21:00 UTC, never UTC midnight.
    expect([21, 22]).toContain(error!.resumeAt.getUTCHours());
    // Nothing more is sent until then.
    const sent = sandbox.server.requests.length;
    expect(isQuotaError(await caught(pd.get("contact", "1")))).toBe(true);
    expect(sandbox.server.requests.length).toBe(sent);
  });

  it("the call that spends the last tokens succeeds; the next is paused without being sent; a low budget teaches the time zone first", async () => {
    const { sandbox, pd } = await isolated("pd-budget-last");
    await sandbox.control({ dailyBudgetLeft: 300 });
    // 300 left is under the connector's threshold: it reads users/me (the company's time zone) at once.
    expect((await pd.listUsers()).length).toBe(3);
    expect(sandbox.server.requests.filter((line) => line.endsWith("/api/v1/users/me"))).toHaveLength(1);
    await sandbox.control({ dailyBudgetLeft: 5 });
    expect((await pd.listUsers()).length).toBe(3);
    const sent = sandbox.server.requests.length;
    const error = await caught(pd.listUsers());
    expect(error).toMatchObject({ kind: "quota", quota: "daily_budget" });
    expect(error!.resumeAt.toISOString()).toBe(nextMidnight(new Date(), "Europe/Kyiv").toISOString());
    expect(sandbox.server.requests.length).toBe(sent);
  });

  it("an ordinary burst 429 stays retryable, not a quota pause", async () => {
    const { sandbox, pd } = await isolated("pd-budget-burst");
    await sandbox.control({ burst429: 1 });
    const error = await caught(pd.listUsers());
    expect(isRetryableError(error)).toBe(true);
    expect(isQuotaError(error)).toBe(false);
  });
});

describe("Pipedrive connector: an unpaid company", () => {
  it("402 is a QuotaError 'unpaid' that looks again in an hour, with Pipedrive's words", async () => {
    const { sandbox, pd } = await isolated("pd-unpaid");
    await sandbox.control({ unpaid: true });
    const before = Date.now();
    const error = await caught(pd.listUsers());
    expect(error).toMatchObject({ kind: "quota", quota: "unpaid", details: { status: 402, crmDetail: expect.stringContaining("Company account is not open") } });
    expect(error!.resumeAt.getTime()).toBeGreaterThanOrEqual(before + 3_600_000);
    expect(error!.resumeAt.getTime()).toBeLessThanOrEqual(Date.now() + 3_600_000);
    await sandbox.control({ unpaid: false });
    expect((await pd.listUsers()).length).toBe(3);
  });
});

describe("nextMidnight", () => {
  it("is the next local midnight, across a DST change, and UTC's for an unknown zone", () => {
    expect(nextMidnight(new Date("2026-12-01T12:00:00Z"), "Europe/Kyiv").toISOString()).toBe("2026-12-01T22:00:00.000Z");
    expect(nextMidnight(new Date("2026-12-01T22:30:00Z"), "Europe/Kyiv").toISOString()).toBe("2026-12-02T22:00:00.000Z");
    expect(nextMidnight(new Date("2026-03-28T12:00:00Z"), "Europe/Kyiv").toISOString()).toBe("2026-03-28T22:00:00.000Z");
    expect(nextMidnight(new Date("2026-03-29T12:00:00Z"), "Europe/Kyiv").toISOString()).toBe("2026-03-29T21:00:00.000Z");
    expect(nextMidnight(new Date("2026-12-01T12:00:00Z"), "Nowhere/Else").toISOString()).toBe("2026-12-02T00:00:00.000Z");
  });
});
