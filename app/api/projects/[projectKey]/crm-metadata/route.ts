// The connected CRM's fields, pipelines and users for the editors (session-authenticated, any member).
import { projectAccess } from "@/lib/auth/session";
import { crmMetadata } from "@/lib/config/metadata";
import { AppError, errorResponse, isCrmError } from "@/lib/errors";

export const dynamic = "force-dynamic";

export async function GET(request: Request, context: { params: Promise<{ projectKey: string }> }) {
  try {
    const access = await projectAccess((await context.params).projectKey);
    if (access === "signed-out") throw new AppError("UNAUTHENTICATED", "Sign in again.");
    if (access === "no-access") throw new AppError("NOT_FOUND", "Project not found.");
    const fresh = new URL(request.url).searchParams.get("refresh") === "1";
    const metadata = await crmMetadata(access.project.id, { fresh }).catch((error: unknown) => {
      if (isCrmError(error)) throw new AppError("UNAVAILABLE", `The CRM did not answer: ${error.message}`);
      throw error;
    });
    return Response.json(metadata ? { connected: true, ...metadata } : { connected: false });
  } catch (error) {
    return errorResponse(error);
  }
}
