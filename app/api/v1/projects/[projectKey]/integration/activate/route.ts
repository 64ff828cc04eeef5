import { apiHandler, jsonBody } from "@/lib/api/handler";
import { AppError, issuesFromZod } from "@/lib/errors";
import { activateIntegration } from "@/lib/integrations/status";
import { activateSchema } from "@/lib/validation/integration";

export const dynamic = "force-dynamic";

export const POST = apiHandler("ADMIN", async (request, access) => {
  const parsed = activateSchema.safeParse(await jsonBody(request, { optional: true }));
  if (!parsed.success) throw new AppError("UNPROCESSABLE", "The request is not valid.", issuesFromZod(parsed.error.issues));
  return Response.json(await activateIntegration({ id: access.projectId, key: access.projectKey, timezone: access.projectTimezone }, parsed.data, { userId: null, actor: access.actor }));
});
