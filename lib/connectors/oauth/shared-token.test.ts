// A project's access token is one for every process: stored sealed in the database, renewed by one process
// at a time under a PostgreSQL lock, reused by the others until it expires. Real processes, the Zoho
// sandbox over HTTP (Zoho allows 10 live tokens and about 10 token requests per 10 minutes per refresh token).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ZohoCredentials } from "@/lib/connectors/types";
import { openSecret, secretPlaces } from "@/lib/crypto/secrets";
import { revokeSandboxToken } from "@/lib/db/queries/sandbox";
import { db } from "@/lib/db/client";
import { sealCredentials } from "@/lib/connectors/sealed-credentials";
import { projectConnector } from "@/lib/integrations/connect";
import { makeProject } from "@/testing/factories";
import { startScript } from "@/testing/processes";
import { openSandbox, openSandboxAt, zohoCredentials, type SandboxHandle } from "@/testing/sandbox";

let sandbox: SandboxHandle;
beforeAll(async () => {
  sandbox = await openSandbox("zoho", "shared-token", { record: true });
});
afterAll(() => sandbox.server.close());

const tokenRequests = () => sandbox.server.requests.filter((line) => line.endsWith("/oauth/v2/token")).length;

/** A connected project whose stored access token has expired (as after a night without calls). */
async function expiredConnection(credentials: ZohoCredentials) {
  const { projectKey } = await makeProject("Shared token");
  const project = await db().project.findUniqueOrThrow({ where: { key: projectKey } });
  const sealed = sealCredentials({ ...credentials, accessToken: "1000.expired.token", accessTokenExpiresAt: Date.now() - 60_000 }, project.id);
  const integration = await db().integration.create({ data: { projectId: project.id, crm: "zoho", status: "active", credentialsEncrypted: sealed } });
  return { project, integration };
}

/** CALLS calls at once in each of `processes` new processes, all starting at the same moment. */
async function callFromProcesses(projectId: string, processes: number, calls: number) {
  const startAt = String(Date.now() + 4_000);
  const running = await Promise.all(Array.from({ length: processes }, () => startScript("testing/concurrent-calls.ts", { PROJECT_ID: projectId, CALLS: String(calls), START_AT: startAt }, /ready/)));
  await Promise.all(running.map((process) => new Promise((resolve) => (process.child.exitCode !== null ? resolve(null) : process.child.once("exit", resolve)))));
  return running.map((process) => JSON.parse(/done (.*)/.exec(process.output())![1]!) as { ok: number; errors: string[] });
}

describe("one access token per connection for every process", () => {
  let project: { id: string };
  let integrationId: string;

  it("3 processes × 20 concurrent calls with an expired token: exactly one token request, every call succeeds", { timeout: 120_000 }, async () => {
    const connection = await expiredConnection(await zohoCredentials(sandbox));
    project = connection.project;
    integrationId = connection.integration.id;
    const before = tokenRequests();
    const results = await callFromProcesses(project.id, 3, 20);
    expect(results).toEqual(Array(3).fill({ ok: 20, errors: [] }));
    expect(tokenRequests() - before).toBe(1);
  });

  it("the token is stored sealed, never in plain text, and a fresh process uses it without asking Zoho", { timeout: 60_000 }, async () => {
    const row = await db().integrationToken.findUniqueOrThrow({ where: { integrationId } });
    const token = openSecret(row.accessTokenEncrypted, secretPlaces.accessToken(integrationId));
    expect(token).toMatch(/^1000\./);
    expect(row.expiresAt.getTime()).toBeGreaterThan(Date.now() + 50 * 60_000);
    const integration = await db().integration.findUniqueOrThrow({ where: { id: integrationId } });
    for (const stored of [row.accessTokenEncrypted, integration.credentialsEncrypted]) expect(stored).not.toContain(token);
    const before = tokenRequests();
    expect(await callFromProcesses(project.id, 1, 3)).toEqual([{ ok: 3, errors: [] }]);
    expect(tokenRequests()).toBe(before);
  });

  it("after a 401, a connector renews only if the stored token is still the refused one; otherwise it takes the newer one", async () => {
    const first = (await projectConnector(project.id))!.connector;
    const second = (await projectConnector(project.id))!.connector;
    await first.listUsers();
    await second.listUsers();
    const refused = openSecret((await db().integrationToken.findUniqueOrThrow({ where: { integrationId } })).accessTokenEncrypted, secretPlaces.accessToken(integrationId));
    // Zoho invalidates the token both connectors hold (as its 11th token would).
    await revokeSandboxToken(refused);
    const before = tokenRequests();
    expect((await second.listUsers()).length).toBe(3);
    expect((await first.listUsers()).length).toBe(3);
    expect(tokenRequests() - before).toBe(1);
    expect((await db().integrationToken.findUniqueOrThrow({ where: { integrationId } })).version).toBe(2);
  });

  it("a reconnection to another account never uses the old grant's stored token", async () => {
    const other = await openSandboxAt(sandbox.server, "zoho", "reconnected");
    // As the configuration API's PUT stores new credentials: the token row of the old grant stays behind.
    await db().integration.update({ where: { id: integrationId }, data: { credentialsEncrypted: sealCredentials(await zohoCredentials(other), project.id) } });
    const created = await (await projectConnector(project.id))!.connector.create("contact", { name: "Reconnected Caller" });
    const account = await db().sandboxAccount.findUniqueOrThrow({ where: { crm_name: { crm: "zoho", name: other.account } } });
    expect(await db().sandboxRecord.findUnique({ where: { accountId_module_id: { accountId: account.id, module: "Contacts", id: created.id } } })).not.toBeNull();
  });
});
