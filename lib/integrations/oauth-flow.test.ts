// The authorization-code flow of both CRMs, end to end through the code the Integration page uses: the
// consent page of the built-in sandbox (served where the app is), the callback, the stored grant, and a
// connector that works with it. The app's address is the sandbox server's, as in the demo.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SandboxServer } from "@/lib/sandbox/node-server";

let server: SandboxServer;
let connect: typeof import("./connect");
// The Integration page's actions hand the flow the sandbox's part while it is on; so does this test.
let sandbox: typeof import("@/lib/sandbox/oauth-plug").sandboxOAuth;

beforeAll(async () => {
  const { startSandboxServer } = await import("@/lib/sandbox/node-server");
  server = await startSandboxServer(0);
  // Before anything reads the environment: the sandbox's OAuth servers and the callback live at the app's address.
  process.env.NEXTAUTH_URL = server.url;
  connect = await import("./connect");
  sandbox = (await import("@/lib/sandbox/oauth-plug")).sandboxOAuth;
});
afterAll(() => server.close());

async function admin() {
  const { makeMember, makeProject } = await import("@/testing/factories");
  const { db } = await import("@/lib/db/client");
  const { projectKey } = await makeProject("OAuth flow");
  const project = await db().project.findUniqueOrThrow({ where: { key: projectKey } });
  const member = await makeMember(projectKey, "ADMIN");
  const userId = (await db().user.findUniqueOrThrow({ where: { email: member.email } })).id;
  return { project, userId };
}

/** What the admin's browser does on the consent page: accept (or deny), and follow the redirect's address. */
async function consent(authorizeUrl: string, decision: "accept" | "deny"): Promise<URL> {
  const page = await fetch(authorizeUrl);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain("Accept");
  const url = new URL(authorizeUrl);
  const answer = await fetch(url.origin + url.pathname, { method: "POST", body: new URLSearchParams({ ...Object.fromEntries(url.searchParams), decision }), redirect: "manual" });
  expect(answer.status).toBe(302);
  return new URL(answer.headers.get("location")!);
}

describe.each([
  ["pipedrive", { sandbox: true }, "/sandbox/pipedrive/oauth/authorize"],
  ["zoho", { dataCenter: "sandbox" }, "/sandbox/zoho/accounts/oauth/v2/auth"],
] as const)("%s by OAuth", (crm, input, consentPath) => {
  it("consent page → callback → the grant is stored sealed and the connector works with it", async () => {
    const { project, userId } = await admin();
    const authorizeUrl = await connect.startOAuthConnect(project, userId, crm, input, sandbox());
    expect(new URL(authorizeUrl).pathname).toBe(consentPath);
    expect(new URL(authorizeUrl).searchParams.get("redirect_uri")).toBe(`${server.url}/api/integrations/${crm}/callback`);
    const back = await consent(authorizeUrl, "accept");
    expect(back.pathname).toBe(`/api/integrations/${crm}/callback`);
    expect(await connect.finishOAuthConnect(crm, back.searchParams, userId, fetch, sandbox())).toEqual({ projectKey: project.key, error: null });

    const { findIntegrationSummary, findIntegrationSecrets } = await import("@/lib/db/queries/integrations");
    expect(await findIntegrationSummary(project.id)).toMatchObject({ crm, status: "inactive", account: expect.objectContaining({ userEmail: "olena.koval@callbridge.local" }) });
    const { openCredentials } = await import("../connectors/sealed-credentials");
    const stored = await findIntegrationSecrets(project.id);
    const opened = openCredentials(stored!.credentialsEncrypted, project.id) as { refreshToken: string };
    expect(opened).toMatchObject(crm === "pipedrive" ? { auth: "oauth", refreshToken: expect.any(String) } : { refreshToken: expect.any(String) });
    expect(stored!.credentialsEncrypted).not.toContain(opened.refreshToken);
    const found = await connect.projectConnector(project.id);
    expect((await found!.connector.listUsers()).map((user) => user.email)).toContain("marek.nowak@callbridge.local");

    // The code is single-use: the same callback again is refused, and the stored grant stays.
    expect((await connect.finishOAuthConnect(crm, back.searchParams, userId, fetch, sandbox())).error).toMatch(/unknown or has expired/);
  });

  it("a denied consent stores nothing and says so", async () => {
    const { project, userId } = await admin();
    const back = await consent(await connect.startOAuthConnect(project, userId, crm, input, sandbox()), "deny");
    expect(back.searchParams.get("error")).toBe("access_denied");
    expect(await connect.finishOAuthConnect(crm, back.searchParams, userId, fetch, sandbox())).toEqual({ projectKey: project.key, error: expect.stringMatching(/did not grant access \(access_denied\)/), code: "oauth-refused" });
    const { findIntegrationSummary } = await import("@/lib/db/queries/integrations");
    expect(await findIntegrationSummary(project.id)).toBeNull();
  });

  it("a callback is accepted only at the CRM it was started for", async () => {
    const { project, userId } = await admin();
    const back = await consent(await connect.startOAuthConnect(project, userId, crm, input, sandbox()), "accept");
    const other = crm === "zoho" ? "pipedrive" : "zoho";
    expect(await connect.finishOAuthConnect(other, back.searchParams, userId, fetch, sandbox())).toMatchObject({ projectKey: null, code: "oauth-state" });
    // Checked before it is consumed: the flow still completes where it was started.
    expect(await connect.finishOAuthConnect(crm, back.searchParams, userId, fetch, sandbox())).toEqual({ projectKey: project.key, error: null });
  });

  it("another user's callback with the state is refused without using it up; the owner still completes", async () => {
    const { project, userId } = await admin();
    const stranger = (await admin()).userId;
    const back = await consent(await connect.startOAuthConnect(project, userId, crm, input, sandbox()), "accept");
    expect(await connect.finishOAuthConnect(crm, back.searchParams, stranger, fetch, sandbox())).toMatchObject({ projectKey: null, code: "oauth-state" });
    const { findIntegrationSummary } = await import("@/lib/db/queries/integrations");
    expect(await findIntegrationSummary(project.id)).toBeNull();
    expect(await connect.finishOAuthConnect(crm, back.searchParams, userId, fetch, sandbox())).toEqual({ projectKey: project.key, error: null });
  });

  it("an expired state is refused", async () => {
    const { project, userId } = await admin();
    const back = await consent(await connect.startOAuthConnect(project, userId, crm, input, sandbox()), "accept");
    const { db } = await import("@/lib/db/client");
    await db().oAuthState.update({ where: { state: back.searchParams.get("state")! }, data: { expiresAt: new Date(Date.now() - 1_000) } });
    expect(await connect.finishOAuthConnect(crm, back.searchParams, userId, fetch, sandbox())).toMatchObject({ projectKey: null, code: "oauth-state" });
  });
});

it("a real Pipedrive app is sent to Pipedrive's own consent page with its client id and our callback", async () => {
  const { project, userId } = await admin();
  const url = new URL(await connect.startOAuthConnect(project, userId, "pipedrive", { sandbox: false, clientId: "abc123client", clientSecret: "secret-secret" }, sandbox()));
  expect(url.origin + url.pathname).toBe("https://oauth.pipedrive.com/oauth/authorize");
  expect(Object.fromEntries(url.searchParams)).toEqual({ client_id: "abc123client", redirect_uri: `${server.url}/api/integrations/pipedrive/callback`, state: expect.stringMatching(/^[\w-]{32}$/) });
});
