// The consent screen of the sandbox CRMs' OAuth servers (Zoho accounts, Pipedrive oauth): the user sees
// which app asks for which account and accepts or denies; the browser goes back with a code or an error.
// As the vendors do for a redirect URI the app did not register, any other gets an error page and no code.
import { createSandboxToken, findAccountOfToken } from "@/lib/db/queries/sandbox";
import { oauthCallbackPath } from "@/lib/integrations/app-url";
import { appUrl } from "@/lib/env";
import type { SandboxCrm } from "./accounts";
import type { SandboxRequest } from "./context";

const CODE_SECONDS = 120;

export interface ConsentFlow {
  crm: SandboxCrm;
  /** The vendor's name on the page. */
  vendor: string;
  /** Zoho requires response_type=code; Pipedrive's authorize URL has no such parameter. */
  requireResponseType: boolean;
  code: () => string;
  /** Extra parameters the vendor adds to the redirect (Zoho: location, accounts-server). */
  redirectExtras?: (base: string) => Record<string, string>;
}

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
const html = (body: string, status = 200) => new Response(body, { status, headers: { "content-type": "text/html;charset=utf-8" } });

/** The redirect URI registered for the sandbox's app: Callbridge's own callback for that CRM. */
export const registeredRedirect = (crm: SandboxCrm) => `${appUrl()}${oauthCallbackPath(crm)}`;

const invalidRedirect = (given: string) => html(`<h1>Invalid Redirect Uri</h1><p>The redirect_uri ${escapeHtml(given)} is not registered for this client.</p>`, 400);
/** The sandbox account an OAuth client id belongs to. */
export const accountOfClient = (clientId: string | null) => (clientId ? findAccountOfToken(clientId, "client") : Promise.resolve(null));

/** GET: the consent screen. */
export async function consentPage(flow: ConsentFlow, { url }: SandboxRequest): Promise<Response> {
  const params = url.searchParams;
  const account = await accountOfClient(params.get("client_id"));
  if (!account || !params.get("redirect_uri") || (flow.requireResponseType && params.get("response_type") !== "code")) {
    return html(`<h1>Invalid OAuth request</h1><p>Unknown client_id, or missing redirect_uri${flow.requireResponseType ? " / response_type=code" : ""}.</p>`, 400);
  }
  if (params.get("redirect_uri") !== registeredRedirect(flow.crm)) return invalidRedirect(params.get("redirect_uri")!);
  const hidden = ["client_id", "redirect_uri", "state", "scope"].map((name) => `<input type="hidden" name="${name}" value="${escapeHtml(params.get(name) ?? "")}">`).join("");
  const scope = params.get("scope") ? ` (scopes: ${escapeHtml(params.get("scope")!)})` : "";
  return html(`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${flow.vendor} sandbox — authorize</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#1e293b}button{font-size:1rem;padding:.5rem 1rem;margin-right:.5rem;border-radius:.375rem;border:1px solid #cbd5e1}button[value=accept]{background:#1f5bd6;color:#fff;border-color:#1f5bd6}</style></head>
<body><h1>${flow.vendor} sandbox</h1><p>Callbridge asks for access to the sandbox account <strong>${escapeHtml(account.name)}</strong>${scope}.</p>
<form method="post">${hidden}<button name="decision" value="accept" autofocus>Accept</button><button name="decision" value="deny">Deny</button></form></body></html>`);
}

/** POST: the user's answer; redirects back with a code (or access_denied), as the vendor does. */
export async function consentDecision(flow: ConsentFlow, { request, base }: SandboxRequest): Promise<Response> {
  const form = await request.formData();
  const field = (name: string) => String(form.get(name) ?? "");
  const account = await accountOfClient(field("client_id"));
  if (!account) return new Response("Unknown client_id", { status: 400 });
  if (field("redirect_uri") !== registeredRedirect(flow.crm)) return invalidRedirect(field("redirect_uri"));
  const target = new URL(field("redirect_uri"));
  if (field("state")) target.searchParams.set("state", field("state"));
  if (field("decision") !== "accept") {
    target.searchParams.set("error", "access_denied");
    return Response.redirect(target, 302);
  }
  const code = flow.code();
  await createSandboxToken(account.id, code, "code", new Date(Date.now() + CODE_SECONDS * 1000));
  target.searchParams.set("code", code);
  for (const [name, value] of Object.entries(flow.redirectExtras?.(base) ?? {})) target.searchParams.set(name, value);
  return Response.redirect(target, 302);
}
