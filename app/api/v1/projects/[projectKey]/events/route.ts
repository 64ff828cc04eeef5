import { apiHandler } from "@/lib/api/handler";
import { listEvents } from "@/lib/db/queries/events";
import { AppError, issuesFromZod } from "@/lib/errors";
import { eventFilterSchema } from "@/lib/validation/integration";

export const dynamic = "force-dynamic";

export const GET = apiHandler("VIEWER", async (request, access) => {
  const parsed = eventFilterSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) throw new AppError("VALIDATION", "Invalid filters.", issuesFromZod(parsed.error.issues));
  return Response.json({ events: await listEvents(access.projectId, parsed.data) });
});
