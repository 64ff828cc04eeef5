// Zoho's account limits as the connector meets them: the search/COQL sub-concurrency of 10 shared by
// every process of one connection, and API credits per rolling 24 hours. Real processes, real HTTP.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isQuotaError, isRetryableError } from "@/lib/errors";
import { startScript } from "@/testing/processes";
import { openSandbox, zohoCredentials, type SandboxHandle } from "@/testing/sandbox";
import type { ZohoCredentials } from "../types";
import { ZohoConnector } from "./connector";

let sandbox: SandboxHandle;
let credentials: ZohoCredentials;

beforeAll(async () => {
  sandbox = await openSandbox("zoho", "zoho-limits");
  credentials = await zohoCredentials(sandbox);
});
afterAll(() => sandbox.server.close());

/** An access token for raw calls, as any other integration of the same Zoho org would hold. */
async function accessToken(own: ZohoCredentials): Promise<string> {
  const grant = await fetch(`${own.accountsUrl}/oauth/v2/token`, {
    method: "POST",
    body: new URLSearchParams({ grant_type: "refresh_token", client_id: own.clientId, client_secret: own.clientSecret, refresh_token: own.refreshToken }),
  });
  return ((await grant.json()) as { access_token: string }).access_token;
}

interface Described {
  zoho: { searches: { active: number; peak: number }; credits: { limit: number; remaining: number } };
}

describe("Zoho search sub-concurrency (10 on every edition)", () => {
  it("the sandbox answers an 11th concurrent search with Zoho's 429", async () => {
    const isolated = await openSandbox("zoho", "zoho-cap");
    try {
      const own = await zohoCredentials(isolated);
      const token = await accessToken(own);
      await isolated.control({ latencyMs: 400 });
      const answers = await Promise.all(
        Array.from({ length: 12 }, () => fetch(`${own.apiDomain}/crm/v8/Contacts/search?phone=0671234567`, { headers: { authorization: `Zoho-oauthtoken ${token}` } })),
      );
      const statuses = answers.map((answer) => answer.status).sort();
      expect(statuses.filter((status) => status === 200)).toHaveLength(10);
      const refused = answers.filter((answer) => answer.status === 429);
      expect(refused).toHaveLength(2);
      expect(await refused[0]!.json()).toMatchObject({ code: "TOO_MANY_REQUESTS", status: "error" });
      expect(((await isolated.describe()) as unknown as Described).zoho.searches.peak).toBe(10);
    } finally {
      await isolated.server.close();
    }
  });

  it("15 concurrent searches from 2 real processes never exceed 10 at the sandbox and none fails", async () => {
    await sandbox.control({ latencyMs: 300 });
    try {
      const env = { ZOHO_CREDENTIALS: JSON.stringify(credentials) };
      const processes = await Promise.all([
        startScript("testing/zoho-search-burst.ts", { ...env, SEARCHES: "8" }, /result (.*)\n/),
        startScript("testing/zoho-search-burst.ts", { ...env, SEARCHES: "7" }, /result (.*)\n/),
      ]);
      const results = processes.map((running) => JSON.parse(/result (.*)\n/.exec(running.output())![1]!) as { ok: number; failed: number; errors: string[] });
      await Promise.all(processes.map((running) => running.stop()));
      expect(results.map((result) => result.errors).flat()).toEqual([]);
      expect(results.reduce((sum, result) => sum + result.ok, 0)).toBe(15);
      const { searches } = ((await sandbox.describe()) as unknown as Described).zoho;
      // Both processes were searching at once (else the test proves nothing), but never more than 10.
      expect(searches.peak).toBeGreaterThan(7);
      expect(searches.peak).toBeLessThanOrEqual(10);
    } finally {
      await sandbox.control({ latencyMs: 0 });
    }
  }, 60_000);
});

describe("Zoho API credits", () => {
  it("reports credits left once half are used, and answers Zoho's refusal when they run out: a QuotaError", async () => {
    const isolated = await openSandbox("zoho", "zoho-credits");
    try {
      const own = await zohoCredentials(isolated);
      const zoho = new ZohoConnector(own);
      const { limit } = ((await isolated.describe()) as unknown as Described).zoho.credits;
      // Enterprise with 10 licences: 50,000 + 10 × 1,000 (Zoho's credit table).
      expect(limit).toBe(60_000);
      await zoho.listUsers();

      await isolated.control({ zohoCreditsLeft: 3 });
      const headers = { authorization: `Zoho-oauthtoken ${await accessToken(own)}` };
      const users = await fetch(`${own.apiDomain}/crm/v8/users?type=ActiveUsers`, { headers });
      expect(users.status).toBe(200);
      expect(users.headers.get("x-api-credits-remaining")).toBe("2");

      // An insert of 11 records costs 2 credits (1 per 10 records): the last two are spent.
      const insert = await fetch(`${own.apiDomain}/crm/v8/Leads`, {
        method: "POST",
        headers: { ...headers, "content-type": "application/json" },
        body: JSON.stringify({ data: Array.from({ length: 11 }, (_, index) => ({ Last_Name: `Bulk ${index}` })) }),
      });
      expect(insert.status).toBe(201);
      expect(insert.headers.get("x-api-credits-remaining")).toBe("0");

      const before = Date.now();
      const refused = await zoho.listUsers().catch((error: unknown) => error);
      expect(isQuotaError(refused)).toBe(true);
      expect(isRetryableError(refused)).toBe(false);
      expect(refused).toMatchObject({ quota: "api_credits", details: { status: 429 } });
      const resumeAt = (refused as { resumeAt: Date }).resumeAt.getTime();
      expect(resumeAt).toBeGreaterThan(before + 30 * 60_000);
      expect(resumeAt).toBeLessThanOrEqual(Date.now() + 24 * 3_600_000);
    } finally {
      await isolated.server.close();
    }
  });
});
