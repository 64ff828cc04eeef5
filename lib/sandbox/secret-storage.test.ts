// The sandbox accounts' secrets (client secret, refresh and API tokens) are stored sealed like the app's,
// their tokens only as digests:
// a database dump shows none of them, the sandbox and its control endpoint still work with them, and an
// account stored before (plain credentials) keeps working. Real PostgreSQL and HTTP.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { findSandboxAccount } from "@/lib/db/queries/sandbox";
import { ensureSandboxAccount } from "./accounts";
import { startSandboxServer, type SandboxServer } from "./node-server";

let server: SandboxServer;
beforeAll(async () => {
  server = await startSandboxServer(0);
});
afterAll(() => server.close());

describe("sandbox secrets at rest", () => {
  it("are sealed in the database and given out only through the sandbox", async () => {
    const account = await ensureSandboxAccount("pipedrive", `sealed-${Date.now()}`);
    const plain = account.credentials as { apiToken: string; clientSecret: string; refreshToken: string };
    const raw = JSON.stringify((await db().sandboxAccount.findUniqueOrThrow({ where: { id: account.id } })).credentials);
    for (const secret of [plain.apiToken, plain.clientSecret, plain.refreshToken]) expect(raw).not.toContain(secret);
    expect(raw).toMatch(/"sealed":"v2:/);
    // Its tokens are kept only as digests.
    const tokens = await db().sandboxToken.findMany({ where: { accountId: account.id } });
    expect(tokens.length).toBeGreaterThan(0);
    for (const row of tokens) expect(row.token).toMatch(/^sha256:[0-9a-f]{64}$/);

    const described = (await (await fetch(`${server.url}/sandbox/pipedrive/_control?account=${account.name}`)).json()) as { credentials: { apiToken: string } };
    expect(described.credentials.apiToken).toBe(plain.apiToken);
    const users = await fetch(`${server.url}/sandbox/pipedrive/api/v1/users/me`, { headers: { "x-api-token": plain.apiToken } });
    expect(users.status).toBe(200);
  });

  it("a sealed value copied to another account does not open there", async () => {
    const one = await ensureSandboxAccount("zoho", `sealed-a-${Date.now()}`);
    const two = await ensureSandboxAccount("zoho", `sealed-b-${Date.now()}`);
    const row = await db().sandboxAccount.findUniqueOrThrow({ where: { id: one.id } });
    await db().sandboxAccount.update({ where: { id: two.id }, data: { credentials: row.credentials as object } });
    await expect(findSandboxAccount("zoho", two.name)).rejects.toThrow();
  });

  it("an account stored before, with plain credentials and a plain token, still works", async () => {
    const account = await ensureSandboxAccount("pipedrive", `legacy-${Date.now()}`);
    const { apiToken } = account.credentials as { apiToken: string };
    await db().sandboxAccount.update({ where: { id: account.id }, data: { credentials: account.credentials as object } });
    await db().sandboxToken.updateMany({ where: { accountId: account.id, kind: "api" }, data: { token: apiToken } });
    expect((await findSandboxAccount("pipedrive", account.name))?.credentials).toEqual(account.credentials);
    expect((await fetch(`${server.url}/sandbox/pipedrive/api/v1/users/me`, { headers: { "x-api-token": apiToken } })).status).toBe(200);
  });
});
