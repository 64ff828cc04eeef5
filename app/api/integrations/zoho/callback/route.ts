// Zoho's OAuth redirect lands here: finish the connection, then back to the Integration page.
import { currentUserId } from "@/lib/auth/session";
import { appUrl } from "@/lib/integrations/app-url";
import { finishZohoConnect } from "@/lib/integrations/connect";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const userId = await currentUserId();
  if (!userId) return Response.redirect(`${appUrl()}/login`, 303);
  const { projectKey, error } = await finishZohoConnect(new URL(request.url).searchParams, userId);
  const target = new URL(projectKey ? `${appUrl()}/${projectKey}/integration` : `${appUrl()}/`);
  if (error) target.searchParams.set("error", error);
  else target.searchParams.set("connected", "zoho");
  return Response.redirect(target, 303);
}
