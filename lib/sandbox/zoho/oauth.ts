// Zoho Accounts OAuth 2.0 of the sandbox: consent page, authorization code, token and refresh grants.
// Mirrors https://www.zoho.com/crm/developer/docs/api/v8/oauth-overview.html
import { createSandboxToken, findAccountOfToken, findSandboxToken, revokeSandboxToken } from "@/lib/db/queries/sandbox";
import { appUrl, ZOHO_CALLBACK_PATH } from "@/lib/integrations/app-url";
import type { ZohoSandboxCredentials } from "../accounts";
import type { SandboxRequest } from "../context";
import { json, randomHex, readTokenParams } from "../http";

const ACCESS_TOKEN_SECONDS = 3600;
const CODE_SECONDS = 120;

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

const accountOfClient = (clientId: string | null) => (clientId ? findAccountOfToken(clientId, "client") : Promise.resolve(null));

/**
 * The redirect URI registered for the sandbox's clients: Callbridge's own callback. As Zoho does for a
 * URI the client did not register, any other gets an error page and no code.
 */
const registeredRedirect = () => `${appUrl()}${ZOHO_CALLBACK_PATH}`;

const invalidRedirect = (given: string) =>
  new Response(`<h1>Invalid Redirect Uri</h1><p>The redirect_uri ${escapeHtml(given)} is not registered for this client.</p>`, { status: 400, headers: { "content-type": "text/html;charset=utf-8" } });

/** GET …/oauth/v2/auth: the consent screen a user sees when connecting Zoho. */
export async function authorizePage({ url }: SandboxRequest): Promise<Response> {
  const params = url.searchParams;
  const account = await accountOfClient(params.get("client_id"));
  if (!account || !params.get("redirect_uri") || params.get("response_type") !== "code") {
    return new Response("<h1>Invalid OAuth request</h1><p>Unknown client_id, or missing redirect_uri / response_type=code.</p>", { status: 400, headers: { "content-type": "text/html" } });
  }
  if (params.get("redirect_uri") !== registeredRedirect()) return invalidRedirect(params.get("redirect_uri")!);
  const hidden = ["client_id", "redirect_uri", "state", "scope"].map((name) => `<input type="hidden" name="${name}" value="${escapeHtml(params.get(name) ?? "")}">`).join("");
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Zoho CRM sandbox — authorize</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#1e293b}button{font-size:1rem;padding:.5rem 1rem;margin-right:.5rem;border-radius:.375rem;border:1px solid #cbd5e1}button[value=accept]{background:#1f5bd6;color:#fff;border-color:#1f5bd6}</style></head>
<body><h1>Zoho CRM sandbox</h1><p>Callbridge asks for access to the sandbox account <strong>${escapeHtml(account.name)}</strong> (scopes: ${escapeHtml(params.get("scope") ?? "")}).</p>
<form method="post">${hidden}<button name="decision" value="accept" autofocus>Accept</button><button name="decision" value="deny">Deny</button></form></body></html>`;
  return new Response(html, { headers: { "content-type": "text/html;charset=utf-8" } });
}

/** POST …/oauth/v2/auth: the user's answer; redirects back with a code (or an error), as Zoho does. */
export async function authorizeDecision({ request, base }: SandboxRequest): Promise<Response> {
  const form = await request.formData();
  const field = (name: string) => String(form.get(name) ?? "");
  const account = await accountOfClient(field("client_id"));
  if (!account) return new Response("Unknown client_id", { status: 400 });
  if (field("redirect_uri") !== registeredRedirect()) return invalidRedirect(field("redirect_uri"));
  const target = new URL(field("redirect_uri"));
  if (field("state")) target.searchParams.set("state", field("state"));
  if (field("decision") !== "accept") {
    target.searchParams.set("error", "access_denied");
    return Response.redirect(target, 302);
  }
  const code = `1000.${randomHex(16)}.${randomHex(16)}`;
  await createSandboxToken(account.id, code, "code", new Date(Date.now() + CODE_SECONDS * 1000));
  target.searchParams.set("code", code);
  target.searchParams.set("location", "sandbox");
  target.searchParams.set("accounts-server", `${base}/accounts`);
  return Response.redirect(target, 302);
}

/** POST …/oauth/v2/token. Zoho answers errors with HTTP 200 and {"error": …}. */
export async function tokenGrant({ request, url, base }: SandboxRequest): Promise<Response> {
  const body = await readTokenParams(request, url);
  const account = await accountOfClient(body.get("client_id"));
  const credentials = account?.credentials as ZohoSandboxCredentials | undefined;
  if (!account || !credentials || credentials.clientSecret !== body.get("client_secret")) return json({ error: "invalid_client" });

  const grant = body.get("grant_type");
  const presented = grant === "authorization_code" ? body.get("code") : grant === "refresh_token" ? body.get("refresh_token") : null;
  if (!grant || (grant !== "authorization_code" && grant !== "refresh_token")) return json({ error: "unsupported_grant_type" });
  const stored = presented ? await findSandboxToken(presented) : null;
  const expectedKind = grant === "authorization_code" ? "code" : "refresh";
  const valid = stored && stored.accountId === account.id && stored.kind === expectedKind && !stored.revokedAt && (!stored.expiresAt || stored.expiresAt > new Date());
  if (!valid) return json({ error: "invalid_code" });

  const accessToken = `1000.${randomHex(16)}.${randomHex(16)}`;
  await createSandboxToken(account.id, accessToken, "access", new Date(Date.now() + ACCESS_TOKEN_SECONDS * 1000));
  const answer: Record<string, unknown> = { access_token: accessToken, scope: "ZohoCRM.modules.ALL ZohoCRM.settings.ALL ZohoCRM.users.READ ZohoCRM.org.READ", api_domain: base, token_type: "Bearer", expires_in: ACCESS_TOKEN_SECONDS };
  if (grant === "authorization_code") {
    // A code is single-use; the connection gets the account's refresh token.
    await revokeSandboxToken(presented!);
    const refresh = `1000.${randomHex(16)}.${randomHex(16)}`;
    await createSandboxToken(account.id, refresh, "refresh");
    answer.refresh_token = refresh;
  }
  return json(answer);
}
