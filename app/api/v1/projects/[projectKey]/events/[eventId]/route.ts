import { requireApiToken } from "@/lib/auth/api-token";
import { findEvent } from "@/lib/db/queries/events";
import { AppError, errorResponse } from "@/lib/errors";

export const dynamic = "force-dynamic";

export async function GET(request: Request, context: { params: Promise<{ projectKey: string; eventId: string }> }) {
  try {
    const { projectKey, eventId } = await context.params;
    const access = await requireApiToken(request, projectKey, "VIEWER");
    const event = await findEvent(access.projectId, eventId);
    if (!event) throw new AppError("NOT_FOUND", "No such event in this project.");
    return Response.json(event);
  } catch (error) {
    return errorResponse(error);
  }
}
