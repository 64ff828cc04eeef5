// The sandbox CRMs, served by the app (PRODUCT.md §3): /sandbox/zoho/… and /sandbox/pipedrive/….
import { sandboxEnabled } from "@/lib/env";
import { handleSandbox } from "@/lib/sandbox/handler";

export const dynamic = "force-dynamic";

async function handler(request: Request, context: { params: Promise<{ crm: string; path: string[] }> }) {
  const { crm, path } = await context.params;
  if (!sandboxEnabled() || (crm !== "zoho" && crm !== "pipedrive")) {
    return Response.json({ error: { code: "NOT_FOUND", message: "The sandbox CRMs are switched off (SANDBOX_CRM=off)." } }, { status: 404 });
  }
  // Next reports request.url with "localhost"; the Host header says what the client really called.
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  const protocol = request.headers.get("x-forwarded-proto") ?? new URL(request.url).protocol.replace(":", "");
  return handleSandbox(crm, request, path, host ? `${protocol}://${host}` : undefined);
}

export { handler as GET, handler as POST, handler as PUT, handler as PATCH, handler as DELETE };
