// Pipedrive's OAuth token endpoint of the sandbox (refresh grant), as
// https://pipedrive.readme.io/docs/marketplace-oauth-authorization describes it.
import { createSandboxToken, findAccountOfToken } from "@/lib/db/queries/sandbox";
import type { PipedriveSandboxCredentials } from "../accounts";
import type { SandboxRequest } from "../context";
import { json, randomHex } from "../http";

const ACCESS_TOKEN_SECONDS = 3599;

export async function pipedriveToken({ request, base }: SandboxRequest): Promise<Response> {
  const basic = /^Basic\s+(\S+)$/i.exec(request.headers.get("authorization") ?? "")?.[1];
  const [clientId, clientSecret] = basic ? Buffer.from(basic, "base64").toString("utf8").split(":") : [];
  const account = clientId ? await findAccountOfToken(clientId, "client") : null;
  if (!account || (account.credentials as unknown as PipedriveSandboxCredentials).clientSecret !== clientSecret) {
    return json({ success: false, message: "Invalid client credentials", error: "invalid_client" }, 401);
  }
  const body = new URLSearchParams(await request.text());
  if (body.get("grant_type") !== "refresh_token") return json({ success: false, message: "Unsupported grant type", error: "unsupported_grant_type" }, 400);
  const refreshToken = body.get("refresh_token") ?? "";
  const owner = await findAccountOfToken(refreshToken, "refresh");
  if (!owner || owner.id !== account.id) return json({ success: false, message: "Invalid grant: refresh token is invalid", error: "invalid_grant" }, 400);
  const accessToken = `${randomHex(4)}:${randomHex(4)}:${randomHex(20)}`;
  await createSandboxToken(account.id, accessToken, "access", new Date(Date.now() + ACCESS_TOKEN_SECONDS * 1000));
  return json({ access_token: accessToken, token_type: "Bearer", refresh_token: refreshToken, scope: "base,deals:full,contacts:full,activities:full,leads:full", expires_in: ACCESS_TOKEN_SECONDS, api_domain: base });
}
