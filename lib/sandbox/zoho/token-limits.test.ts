// The Zoho sandbox's token endpoint keeps Zoho's limits per refresh token
// (https://www.zoho.com/accounts/protocol/oauth/token-limits.html): 10 live access tokens, the 11th
// silently invalidating the oldest; 10 token requests per 10 minutes, then "Access Denied".
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ZohoCredentials } from "@/lib/connectors/types";
import { openSandbox, openSandboxAt, zohoCredentials, type SandboxHandle } from "@/testing/sandbox";

let sandbox: SandboxHandle;
beforeAll(async () => {
  sandbox = await openSandbox("zoho", "token-limits");
});
afterAll(() => sandbox.server.close());

async function requestToken(credentials: ZohoCredentials) {
  const form = { grant_type: "refresh_token", client_id: credentials.clientId, client_secret: credentials.clientSecret, refresh_token: credentials.refreshToken };
  const response = await fetch(`${credentials.accountsUrl}/oauth/v2/token`, { method: "POST", body: new URLSearchParams(form) });
  return { status: response.status, body: (await response.json()) as { access_token?: string; error?: string } };
}

const currentUser = async (credentials: ZohoCredentials, token: string) => {
  const response = await fetch(`${credentials.apiDomain}/crm/v8/users?type=CurrentUser`, { headers: { authorization: `Zoho-oauthtoken ${token}` } });
  return { status: response.status, body: (await response.json()) as unknown };
};

describe("Zoho sandbox token limits", () => {
  it("the 11th access token of a refresh token invalidates the oldest: its next call answers 401 INVALID_TOKEN", async () => {
    const account = await openSandboxAt(sandbox.server, "zoho", "live-tokens");
    const credentials = await zohoCredentials(account);
    const tokens: string[] = [];
    for (let i = 0; i < 10; i++) tokens.push((await requestToken(credentials)).body.access_token!);
    for (const token of tokens) expect((await currentUser(credentials, token)).status).toBe(200);
    // Ten minutes later, as far as the throttle knows: the eleventh token.
    await account.control({ resetTokenThrottle: true });
    const eleventh = await requestToken(credentials);
    expect(eleventh.status).toBe(200);
    expect(await currentUser(credentials, tokens[0]!)).toEqual({ status: 401, body: { code: "INVALID_TOKEN", details: {}, message: "invalid oauth token", status: "error" } });
    for (const token of [...tokens.slice(1), eleventh.body.access_token!]) expect((await currentUser(credentials, token)).status).toBe(200);
  });

  it("10 token requests per 10 minutes: the 11th answers HTTP 400 Access Denied until the window has passed", async () => {
    const account = await openSandboxAt(sandbox.server, "zoho", "throttle");
    const credentials = await zohoCredentials(account);
    const answers = await Promise.all(Array.from({ length: 12 }, () => requestToken(credentials)));
    expect(answers.filter((answer) => answer.status === 200 && answer.body.access_token)).toHaveLength(10);
    expect(answers.filter((answer) => answer.status === 400)).toEqual(
      Array(2).fill({ status: 400, body: { error: "Access Denied", error_description: "You have made too many requests continuously. Please try again after some time.", status: "failure" } }),
    );
    // Another refresh token has its own window.
    const other = await zohoCredentials(await openSandboxAt(sandbox.server, "zoho", "throttle-other"));
    expect((await requestToken(other)).status).toBe(200);
    await account.control({ resetTokenThrottle: true });
    expect((await requestToken(credentials)).body.access_token).toMatch(/^1000\./);
  });
});
