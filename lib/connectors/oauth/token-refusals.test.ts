// Which token answers mean "the credentials are gone" (AuthError: the integration is broken) and which are
// only "not now" (RetryableError: the event waits, the integration stays active). Zoho's throttle answers
// HTTP 400 "Access Denied" after about 10 token requests per 10 minutes per refresh token.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveConfigSection } from "@/lib/config/service";
import type { CrmCredentials, ZohoCredentials } from "@/lib/connectors/types";
import { db } from "@/lib/db/client";
import { storedCrm } from "@/lib/db/crm-kind";
import { runDeliveries } from "@/lib/engine/drain";
import { isAuthError, isRetryableError, type CrmError } from "@/lib/errors";
import { sealCredentials } from "@/lib/connectors/sealed-credentials";
import { insertTestEvent, makeProject } from "@/testing/factories";
import { makeRetriesDue } from "@/testing/jobs";
import { openSandbox, openSandboxAt, pipedriveCredentials, zohoCredentials, type SandboxHandle } from "@/testing/sandbox";
import { PipedriveConnector } from "../pipedrive/connector";
import { ZohoConnector } from "../zoho/connector";

let sandbox: SandboxHandle;
beforeAll(async () => {
  sandbox = await openSandbox("zoho", "token-refusals");
});
afterAll(() => sandbox.server.close());

/** Uses up the refresh token's 10 token requests of the current 10 minutes, as a busy neighbour would. */
async function exhaustTokenRequests(credentials: ZohoCredentials) {
  const form = { grant_type: "refresh_token", client_id: credentials.clientId, client_secret: credentials.clientSecret, refresh_token: credentials.refreshToken };
  for (let i = 0; i < 10; i++) {
    const answer = (await (await fetch(`${credentials.accountsUrl}/oauth/v2/token`, { method: "POST", body: new URLSearchParams(form) })).json()) as { access_token?: string };
    expect(answer.access_token).toMatch(/^1000\./);
  }
}

/** An active project on `credentials`, whose stored access token has expired. */
async function connectedProject(credentials: CrmCredentials) {
  const { projectKey } = await makeProject("Token refusals");
  const project = await db().project.findUniqueOrThrow({ where: { key: projectKey } });
  const sealed = sealCredentials({ ...credentials, accessToken: "1000.expired.token", accessTokenExpiresAt: Date.now() - 60_000 } as CrmCredentials, project.id);
  await db().integration.create({ data: { projectId: project.id, crm: storedCrm(credentials.crm), status: "active", credentialsEncrypted: sealed } });
  await saveConfigSection(project, "employees", [{ id: "e1", name: "Olena", email: "olena.koval@callbridge.local", sip: "olena", crmUserId: "" }], { userId: null, actor: "test" });
  const call = (id: string) =>
    insertTestEvent(project.id, { id, type: "call", direction: "incoming", status: "answered", startedAt: new Date().toISOString(), durationSec: 30, caller: "+380501234321", callee: "+380441234567", line: "sales-1", employee: { sip: "olena" } });
  return { project, call };
}

describe("Zoho's token throttle is retryable, never a broken integration", () => {
  it("the connector raises a RetryableError with Zoho's words and waits out the 10-minute window", async () => {
    const account = await openSandboxAt(sandbox.server, "zoho", "throttled");
    const credentials = await zohoCredentials(account);
    await exhaustTokenRequests(credentials);
    const error = (await new ZohoConnector(credentials).listUsers().catch((caught: unknown) => caught)) as CrmError & { retryAfterMs?: number };
    expect(isRetryableError(error)).toBe(true);
    expect(error.details).toMatchObject({ status: 400, crmCode: "Access Denied", crmDetail: expect.stringMatching(/too many requests continuously/) });
    expect(error.retryAfterMs).toBe(10 * 60_000);
  });

  it("a throttled refresh during a delivery leaves the integration active and the event due again; it is delivered once Zoho lets us", async () => {
    const account = await openSandboxAt(sandbox.server, "zoho", "throttled-delivery");
    const credentials = await zohoCredentials(account);
    const { project, call } = await connectedProject(credentials);
    await exhaustTokenRequests(credentials);
    const id = await call("throttled-1");
    await runDeliveries({ projectId: project.id });
    expect(await db().integration.findUniqueOrThrow({ where: { projectId: project.id } })).toMatchObject({ status: "active", lastError: null });
    const waiting = await db().event.findUniqueOrThrow({ where: { id } });
    expect(waiting).toMatchObject({ status: "failed", reason: expect.stringMatching(/Access Denied/) });
    expect(waiting.nextAttemptAt!.getTime()).toBeGreaterThan(Date.now() + 9 * 60_000);

    await account.control({ resetTokenThrottle: true });
    // The worker keeps a project's run (with its failed metadata read) for 2 s.
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    await makeRetriesDue(project.id);
    await runDeliveries({ projectId: project.id });
    expect(await db().event.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "delivered" });
  });
});

describe("a refused grant is an AuthError", () => {
  it("Zoho invalid_code for a revoked refresh token: the delivery marks the integration broken and the event waits", async () => {
    const account = await openSandboxAt(sandbox.server, "zoho", "revoked-grant");
    const { project, call } = await connectedProject(await zohoCredentials(account));
    await account.control({ revokeTokens: true });
    const id = await call("revoked-1");
    await runDeliveries({ projectId: project.id });
    expect(await db().integration.findUniqueOrThrow({ where: { projectId: project.id } })).toMatchObject({ status: "broken", lastError: expect.stringMatching(/invalid_code/) });
    expect(await db().event.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "queued", nextAttemptAt: null });
  });

  it("Pipedrive invalid_grant for an unknown refresh token", async () => {
    const pipedrive = await openSandbox("pipedrive", "refused-grant");
    try {
      const credentials = await pipedriveCredentials(pipedrive, "oauth");
      const error = await new PipedriveConnector({ ...credentials, refreshToken: "ab:cd:not-a-refresh-token" } as CrmCredentials & { crm: "pipedrive" }).listUsers().catch((caught: unknown) => caught);
      expect(isAuthError(error)).toBe(true);
      expect((error as CrmError).details).toMatchObject({ status: 400, crmCode: "invalid_grant" });
    } finally {
      await pipedrive.server.close();
    }
  });
});
