// The Zoho connector against recorded examples of Zoho's documented answers, and the sandbox against
// the same examples: every key of a documented answer must be in the sandbox's answer too.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuthError, PermanentError, RetryableError } from "@/lib/errors";
import { answerFor, loadAnswers, missingPaths, recordedFetch, type RecordedAnswer } from "@/testing/fixtures";
import { openSandbox, zohoCredentials, type SandboxHandle } from "@/testing/sandbox";
import type { ZohoCredentials } from "../types";
import { ZohoConnector } from "./connector";
import documented from "./fixtures/documented.json";

const answers = loadAnswers(documented);
const answer = (key: string) => answers[key]!;
const credentials: ZohoCredentials = {
  crm: "zoho",
  dataCenter: "com",
  accountsUrl: "https://accounts.zoho.com",
  apiDomain: "https://www.zohoapis.com",
  clientId: "1000.CLIENT",
  clientSecret: "secret",
  refreshToken: "1000.refresh.token",
};

function connectorWith(pick: (method: string, url: URL) => RecordedAnswer | undefined) {
  const recorded = recordedFetch((method, url) => (url.pathname === "/oauth/v2/token" ? answer("POST /oauth/v2/token refresh_token") : pick(method, url)));
  return { zoho: new ZohoConnector(credentials, { fetch: recorded.fetch }), calls: recorded.calls };
}

const byPathAndQuery = (method: string, url: URL) => answerFor(answers, method, url);

describe("Zoho connector on Zoho's documented answers", () => {
  it("reads users, org, fields and pipelines", async () => {
    const { zoho, calls } = connectorWith(byPathAndQuery);
    expect(await zoho.testConnection()).toEqual({ crm: "zoho", accountName: "Zylker", userName: "Patricia Boyle", userEmail: "patricia.boyle@zylker.com", apiBase: "https://www.zohoapis.com", concurrency: 10 });
    expect(await zoho.listUsers()).toEqual([
      { id: "4150868000000225013", name: "Patricia Boyle", email: "patricia.boyle@zylker.com", active: true },
      { id: "4150868000000225045", name: "Jason Smith", email: "jason.smith@zylker.com", active: true },
    ]);
    expect((await zoho.listFields("contact")).filter((field) => field.isString).map((field) => field.key)).toEqual(["Last_Name", "Client_ID"]);
    const [pipeline] = await zoho.listPipelines();
    expect(pipeline).toMatchObject({ id: "4150868000000091023", name: "Standard", isDefault: true });
    expect(pipeline!.stages.map((stage) => [stage.id, stage.name, stage.state])).toEqual([
      ["4150868000000006801", "Qualification", "open"],
      ["4150868000000006815", "Closed Won", "won"],
      ["4150868000000006817", "Closed Lost", "lost"],
    ]);
    // The access token is fetched once and carried as `Zoho-oauthtoken`.
    expect(calls.filter((call) => call.startsWith("POST /oauth/v2/token"))).toHaveLength(1);
  });

  it("maps a search hit, and 204 to no hits", async () => {
    const { zoho } = connectorWith(byPathAndQuery);
    const [hit] = await zoho.searchByPhone("contact", ["0671234567"]);
    expect(hit).toMatchObject({ id: "4150868000000624010", name: "Kevin Smith", ownerId: "4150868000000225013", organizationId: "4150868000000624002", phones: ["067 123 45 67"], emails: ["k.smith@zylker.com"] });
    expect(await zoho.searchByPhone("contact", ["0999999999"])).toEqual([]);
  });

  it("reads the id of an inserted record and the field of a refused one", async () => {
    // A write first reads the module's field lengths (once per account and module), then posts.
    const fieldsThen = (key: string) => (method: string) => answer(method === "GET" ? "GET /crm/v8/settings/fields?module=Contacts" : key);
    expect(await connectorWith(fieldsThen("POST /crm/v8/Contacts")).zoho.create("contact", { name: "Jane Doe" })).toEqual({ id: "554023000000527002" });
    const refused = await connectorWith(fieldsThen("POST /crm/v8/Contacts mandatory")).zoho.create("contact", {}).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(PermanentError);
    expect((refused as Error).message).toContain("MANDATORY_NOT_FOUND (Last_Name)");
  });

  it("maps INVALID_TOKEN after a refresh to AuthError, TOO_MANY_REQUESTS to RetryableError, invalid_code to AuthError", async () => {
    await expect(connectorWith(() => answer("GET /crm/v8/Contacts expired")).zoho.listUsers()).rejects.toBeInstanceOf(AuthError);
    await expect(connectorWith(() => answer("GET /crm/v8/Contacts limit")).zoho.listUsers()).rejects.toBeInstanceOf(RetryableError);
    // A grant of its own: the connectors above share theirs' token in this process, so would not refresh.
    const refused = new ZohoConnector({ ...credentials, refreshToken: "1000.refused.token" }, { fetch: recordedFetch(() => answer("POST /oauth/v2/token invalid")).fetch });
    await expect(refused.listUsers()).rejects.toBeInstanceOf(AuthError);
  });
});

describe("the Zoho sandbox answers with every key of Zoho's documented answers", () => {
  let sandbox: SandboxHandle;
  let live: ZohoCredentials;
  let token: string;
  beforeAll(async () => {
    sandbox = await openSandbox("zoho", "zoho-shape");
    live = await zohoCredentials(sandbox);
    const grant = await fetch(`${live.accountsUrl}/oauth/v2/token`, {
      method: "POST",
      body: new URLSearchParams({ grant_type: "refresh_token", client_id: live.clientId, client_secret: live.clientSecret, refresh_token: live.refreshToken }),
    });
    const body = (await grant.json()) as Record<string, unknown>;
    expect(missingPaths(answer("POST /oauth/v2/token refresh_token").body, body)).toEqual([]);
    token = String(body.access_token);
  });
  afterAll(() => sandbox.server.close());

  const get = async (path: string) => {
    const response = await fetch(`${live.apiDomain}${path}`, { headers: { authorization: `Zoho-oauthtoken ${token}` } });
    return { status: response.status, body: response.status === 204 ? null : await response.json() };
  };

  it.each([
    ["GET /crm/v8/users?type=CurrentUser", "/crm/v8/users?type=CurrentUser"],
    ["GET /crm/v8/users?type=ActiveUsers", "/crm/v8/users?type=ActiveUsers"],
    ["GET /crm/v8/org", "/crm/v8/org"],
    ["GET /crm/v8/settings/fields?module=Contacts", "/crm/v8/settings/fields?module=Contacts"],
    ["GET /crm/v8/settings/layouts?module=Deals", "/crm/v8/settings/layouts?module=Deals"],
    ["GET /crm/v8/Contacts/search?phone=0671234567", "/crm/v8/Contacts/search?phone=0671234567"],
  ])("%s", async (key, path) => {
    const { status, body } = await get(path);
    expect(status).toBe(answer(key).status);
    expect(missingPaths(answer(key).body, body)).toEqual([]);
  });

  it("GET /crm/v8/settings/pipeline", async () => {
    const layouts = (await get("/crm/v8/settings/layouts?module=Deals")).body as { layouts: Array<{ id: string }> };
    const { body } = await get(`/crm/v8/settings/pipeline?layout_id=${layouts.layouts[0]!.id}`);
    expect(missingPaths(answer("GET /crm/v8/settings/pipeline?layout_id=4150868000000091055").body, body)).toEqual([]);
  });

  it("no match is 204 with an empty body; errors have Zoho's shape", async () => {
    expect(await get("/crm/v8/Contacts/search?phone=0999999999")).toEqual({ status: 204, body: null });
    const post = (body: unknown) => fetch(`${live.apiDomain}/crm/v8/Contacts`, { method: "POST", headers: { authorization: `Zoho-oauthtoken ${token}`, "content-type": "application/json" }, body: JSON.stringify(body) });
    const created = await post({ data: [{ Last_Name: "Doe" }] });
    expect(created.status).toBe(201);
    expect(missingPaths(answer("POST /crm/v8/Contacts").body, await created.json())).toEqual([]);
    const refused = await post({ data: [{ First_Name: "No last name" }] });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual(answer("POST /crm/v8/Contacts mandatory").body);
    const expired = await fetch(`${live.apiDomain}/crm/v8/org`, { headers: { authorization: "Zoho-oauthtoken 1000.bogus" } });
    expect([expired.status, await expired.json()]).toEqual([401, answer("GET /crm/v8/Contacts expired").body]);
  });
});
