// Connecting projects to the sandbox CRMs through the same code the admin UI uses.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { findIntegrationSummary } from "@/lib/db/queries/integrations";
import { findProjectByKey } from "@/lib/db/queries/projects";
import { makeMember, makeProject } from "@/testing/factories";
import { openSandbox, pipedriveCredentials, type SandboxHandle } from "@/testing/sandbox";
import { openCredentials } from "@/lib/connectors/sealed-credentials";
import { connectWithCredentials, finishOAuthConnect, projectConnector, startOAuthConnect, testIntegration } from "./connect";

let pipedrive: SandboxHandle;
let zoho: SandboxHandle;

beforeAll(async () => {
  [pipedrive, zoho] = await Promise.all([openSandbox("pipedrive", "connect"), openSandbox("zoho", "connect")]);
});
afterAll(async () => {
  await Promise.all([pipedrive.server.close(), zoho.server.close()]);
});

async function project() {
  const { projectKey } = await makeProject("Connect test");
  const row = (await findProjectByKey(projectKey))!;
  const user = await makeMember(projectKey, "ADMIN");
  const userId = (await db().user.findUniqueOrThrow({ where: { email: user.email } })).id;
  return { project: row, userId };
}

describe("connectPipedrive", () => {
  it("checks the token against the CRM, stores it sealed and shows the account", async () => {
    const { project: p, userId } = await project();
    const credentials = await pipedriveCredentials(pipedrive);
    if (credentials.auth !== "api_token") throw new Error("unexpected");
    await connectWithCredentials(p, { crm: "pipedrive", auth: "api_token", apiBase: credentials.apiBase, apiToken: credentials.apiToken }, { userId, actor: "test" });
    const summary = await findIntegrationSummary(p.id);
    // Connecting never switches deliveries on: a new connection waits for the admin to activate it.
    expect(summary).toMatchObject({ crm: "pipedrive", status: "inactive", account: expect.objectContaining({ accountName: "Callbridge Demo Sales", userEmail: "olena.koval@callbridge.local" }) });
    const stored = await db().integration.findUniqueOrThrow({ where: { projectId: p.id } });
    expect(stored.credentialsEncrypted).not.toContain(credentials.apiToken);
    expect(openCredentials(stored.credentialsEncrypted, p.id)).toMatchObject({ apiToken: credentials.apiToken });
    expect(await db().auditEntry.count({ where: { projectId: p.id, action: "integration.connect" } })).toBe(1);
  });

  it("reconnecting keeps the status the admin set: active stays active, inactive stays inactive", async () => {
    const { project: p, userId } = await project();
    const credentials = await pipedriveCredentials(pipedrive);
    if (credentials.auth !== "api_token") throw new Error("unexpected");
    const token = { crm: "pipedrive" as const, auth: "api_token" as const, apiBase: credentials.apiBase, apiToken: credentials.apiToken };
    await connectWithCredentials(p, token, { userId, actor: "test" });
    await db().integration.update({ where: { projectId: p.id }, data: { status: "active" } });
    await connectWithCredentials(p, token, { userId, actor: "test" });
    expect((await findIntegrationSummary(p.id))?.status).toBe("active");
    await db().integration.update({ where: { projectId: p.id }, data: { status: "inactive" } });
    await connectWithCredentials(p, token, { userId, actor: "test" });
    expect((await findIntegrationSummary(p.id))?.status).toBe("inactive");
  });

  it("refuses a token the CRM refuses, and saves nothing", async () => {
    const { project: p, userId } = await project();
    const credentials = await pipedriveCredentials(pipedrive);
    await expect(connectWithCredentials(p, { crm: "pipedrive", auth: "api_token", apiBase: credentials.apiBase, apiToken: "f".repeat(40) }, { userId, actor: "test" })).rejects.toThrow(/refused these credentials/);
    expect(await findIntegrationSummary(p.id)).toBeNull();
  });

  it("testIntegration marks the integration broken when the CRM refuses the stored token", async () => {
    const isolated = await openSandbox("pipedrive", "connect-broken");
    try {
      const { project: p, userId } = await project();
      const credentials = await pipedriveCredentials(isolated);
      if (credentials.auth !== "api_token") throw new Error("unexpected");
      await connectWithCredentials(p, { crm: "pipedrive", auth: "api_token", apiBase: credentials.apiBase, apiToken: credentials.apiToken }, { userId, actor: "test" });
      expect((await testIntegration(p.id)).accountName).toBe("Callbridge Demo Sales");
      await isolated.control({ revokeTokens: true });
      await expect(testIntegration(p.id)).rejects.toThrow(/refused/);
      expect(await findIntegrationSummary(p.id)).toMatchObject({ status: "broken", lastError: expect.stringContaining("Pipedrive refused the API token") });
    } finally {
      await isolated.server.close();
    }
  });

  it("a broken integration whose stored credentials work again becomes inactive on an admin's Test connection, audited", async () => {
    const { project: p, userId } = await project();
    const credentials = await pipedriveCredentials(pipedrive);
    if (credentials.auth !== "api_token") throw new Error("unexpected");
    await connectWithCredentials(p, { crm: "pipedrive", auth: "api_token", apiBase: credentials.apiBase, apiToken: credentials.apiToken }, { userId, actor: "test" });
    const { db } = await import("@/lib/db/client");
    // As after a refusal the CRM has since taken back (the CRM user was switched off, then on again).
    await db().integration.update({ where: { projectId: p.id }, data: { status: "broken", lastError: "Pipedrive refused the API token (401)", brokenAt: new Date() } });
    // A viewer's test says it works and changes nothing.
    expect(await testIntegration(p.id)).toMatchObject({ recovered: false });
    expect(await findIntegrationSummary(p.id)).toMatchObject({ status: "broken" });
    expect(await testIntegration(p.id, { userId, actor: "admin@example.test", target: p.key })).toMatchObject({ recovered: true, accountName: "Callbridge Demo Sales" });
    expect(await findIntegrationSummary(p.id)).toMatchObject({ status: "inactive", lastError: null });
    expect(await db().auditEntry.findFirst({ where: { projectId: p.id, action: "integration.recovered" } })).toMatchObject({ actor: "admin@example.test", before: { status: "broken" }, after: { status: "inactive" } });
  });
});

describe("Zoho OAuth connection", () => {
  it("sends the admin to the data centre's consent page with the client, scopes, offline access and a state", async () => {
    const { project: p, userId } = await project();
    const real = new URL(await startOAuthConnect(p, userId, "zoho", { dataCenter: "eu", clientId: "1000.ABC", clientSecret: "secret" }));
    expect(real.origin + real.pathname).toBe("https://accounts.zoho.eu/oauth/v2/auth");
    expect(Object.fromEntries(real.searchParams)).toMatchObject({
      client_id: "1000.ABC",
      response_type: "code",
      access_type: "offline",
      scope: expect.stringContaining("ZohoCRM.modules.ALL"),
      redirect_uri: expect.stringMatching(/\/api\/integrations\/zoho\/callback$/),
      state: expect.stringMatching(/^[\w-]{32}$/),
    });
  });

  it("refuses a callback naming an accounts server that is not a Zoho data centre, and saves nothing", async () => {
    const { project: p, userId } = await project();
    const { credentials } = (await zoho.describe()) as { credentials: { clientId: string; accountsUrl: string } };
    const authorizeUrl = new URL(await startOAuthConnect(p, userId, "zoho", { dataCenter: "eu", clientId: "1000.ABC", clientSecret: "secret" }));
    const consentUrl = new URL(`${credentials.accountsUrl}/oauth/v2/auth`);
    consentUrl.search = authorizeUrl.search;
    consentUrl.searchParams.set("client_id", credentials.clientId);
    // The sandbox's consent page redirects back with a code and its own accounts-server.
    const answer = await fetch(consentUrl, { method: "POST", body: new URLSearchParams({ ...Object.fromEntries(consentUrl.searchParams), decision: "accept" }), redirect: "manual" });
    const callback = new URL(answer.headers.get("location")!).searchParams;
    expect(callback.get("code")).toMatch(/^1000\./);
    expect(await finishOAuthConnect("zoho", callback, userId)).toEqual({ projectKey: p.key, error: "Zoho named an accounts server that is not a Zoho data centre.", code: "oauth-refused" });
    expect(await findIntegrationSummary(p.id)).toBeNull();
  });

  it("the sandbox's consent page issues codes only to Callbridge's registered callback", async () => {
    const { credentials } = (await zoho.describe()) as { credentials: { clientId: string; accountsUrl: string } };
    const params = { client_id: credentials.clientId, response_type: "code", scope: "ZohoCRM.modules.ALL", state: "s", redirect_uri: "https://attacker.example/collect" };
    const page = await fetch(`${credentials.accountsUrl}/oauth/v2/auth?${new URLSearchParams(params)}`);
    expect([page.status, await page.text()]).toEqual([400, expect.stringContaining("Invalid Redirect Uri")]);
    const decision = await fetch(`${credentials.accountsUrl}/oauth/v2/auth`, { method: "POST", body: new URLSearchParams({ ...params, decision: "accept" }), redirect: "manual" });
    expect(decision.status).toBe(400);
    expect(decision.headers.get("location")).toBeNull();
  });

  it("refuses a state that belongs to another user", async () => {
    const { project: p, userId } = await project();
    const other = await project();
    const state = new URL(await startOAuthConnect(p, userId, "zoho", { dataCenter: "eu", clientId: "1000.ABC", clientSecret: "secret" })).searchParams.get("state")!;
    expect((await finishOAuthConnect("zoho", new URLSearchParams({ state, code: "x" }), other.userId)).projectKey).toBeNull();
  });

  it("refuses an unknown or reused state", async () => {
    const { userId } = await project();
    expect(await finishOAuthConnect("zoho", new URLSearchParams({ state: "nope", code: "x" }), userId)).toEqual({ projectKey: null, error: expect.stringMatching(/unknown or has expired/), code: "oauth-state" });
  });

  it("the stored connector refreshes Zoho tokens and keeps the access token sealed beside the credentials", async () => {
    const { project: p } = await project();
    const { credentials } = (await zoho.describe()) as { credentials: { clientId: string; clientSecret: string; refreshToken: string; accountsUrl: string; apiDomain: string } };
    const { sealCredentials } = await import("../connectors/sealed-credentials");
    await db().integration.create({ data: { projectId: p.id, crm: "zoho", status: "active", credentialsEncrypted: sealCredentials({ crm: "zoho", dataCenter: "sandbox", ...credentials }, p.id) } });
    const found = await projectConnector(p.id);
    expect((await found!.connector.listUsers()).length).toBe(3);
    // Every process reads the token from its own row (lib/connectors/oauth); the credentials stay as connected.
    const { openSecret, secretPlaces } = await import("@/lib/crypto/secrets");
    const token = await db().integrationToken.findUniqueOrThrow({ where: { integrationId: found!.integrationId } });
    const place = secretPlaces.accessToken(found!.integrationId);
    expect(openSecret(token.accessTokenEncrypted, place)).toMatch(/^1000\./);
    expect(token.accessTokenEncrypted).not.toContain(openSecret(token.accessTokenEncrypted, place));
    const stored = openCredentials((await db().integration.findUniqueOrThrow({ where: { projectId: p.id } })).credentialsEncrypted, p.id);
    expect(stored).toEqual({ crm: "zoho", dataCenter: "sandbox", ...credentials });
  });
});
