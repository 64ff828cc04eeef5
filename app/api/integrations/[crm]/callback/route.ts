// A CRM's OAuth consent page sends the admin back here: finish the connection, then back to the Integration page.
import { currentUserId } from "@/lib/auth/session";
import { isCrmKind } from "@/lib/connectors/registry";
import { appUrl } from "@/lib/env";
import { finishOAuthConnect } from "@/lib/integrations/connect";
import { sandboxOAuth } from "@/lib/sandbox/oauth-plug";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ crm: string }> }) {
  const { crm } = await params;
  if (!isCrmKind(crm)) return new Response("Not found", { status: 404 });
  const userId = await currentUserId();
  if (!userId) return Response.redirect(`${appUrl()}/login`, 303);
  const outcome = await finishOAuthConnect(crm, new URL(request.url).searchParams, userId, fetch, sandboxOAuth());
  const target = new URL(outcome.projectKey ? `${appUrl()}/${outcome.projectKey}/integration` : `${appUrl()}/`);
  // Only a code: the page shows its own message for it (a URL's text is anyone's to write).
  if (outcome.error) target.searchParams.set("error", outcome.code);
  else target.searchParams.set("connected", crm);
  return Response.redirect(target, 303);
}
