// The sandbox CRMs, served by the app (PRODUCT.md §3): /sandbox/zoho/… and /sandbox/pipedrive/….
import { requireApiToken } from "@/lib/auth/api-token";
import { projectAccessForAction } from "@/lib/auth/session";
import { sandboxEnabled } from "@/lib/env";
import { AppError, errorResponse } from "@/lib/errors";
import { crossSiteRefusal } from "@/lib/sandbox/control-origin";
import { isSandboxCrm } from "@/lib/sandbox/accounts";
import { handleSandbox } from "@/lib/sandbox/handler";

export const dynamic = "force-dynamic";

/** ?project=<key>, and an ADMIN API token of it (Bearer) or an ADMIN's session. */
async function controllingProject(request: Request): Promise<{ id: string; key: string }> {
  const key = new URL(request.url).searchParams.get("project");
  if (!key) throw new AppError("BAD_REQUEST", "Name the project: /sandbox/{crm}/_control?project=<key>.");
  if (request.headers.get("authorization")) {
    const access = await requireApiToken(request, key, "ADMIN");
    return { id: access.projectId, key: access.projectKey };
  }
  const { project } = await projectAccessForAction(key, "ADMIN");
  return project;
}

async function handler(request: Request, context: { params: Promise<{ crm: string; path: string[] }> }) {
  const { crm, path } = await context.params;
  if (!sandboxEnabled() || !isSandboxCrm(crm)) {
    return Response.json({ error: { code: "NOT_FOUND", message: "The sandbox CRMs are switched off (SANDBOX_CRM=off)." } }, { status: 404 });
  }
  // Next reports request.url with "localhost"; the Host header says what the client really called.
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  const protocol = request.headers.get("x-forwarded-proto") ?? new URL(request.url).protocol.replace(":", "");
  const origin = host ? `${protocol}://${host}` : undefined;
  if (path.join("/") !== "_control") return handleSandbox(crm, request, path, origin);
  // The control endpoint acts on one project's own sandbox accounts, for that project's ADMINs only.
  try {
    const crossSite = crossSiteRefusal(request, origin ?? new URL(request.url).origin);
    if (crossSite) throw crossSite;
    return handleSandbox(crm, request, path, origin, { project: await controllingProject(request) });
  } catch (error) {
    return errorResponse(error);
  }
}

export { handler as GET, handler as POST, handler as PUT, handler as PATCH, handler as DELETE };
