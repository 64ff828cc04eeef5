import { apiHandler } from "@/lib/api/handler";
import { deactivateIntegration } from "@/lib/replay/activation";

export const dynamic = "force-dynamic";

export const POST = apiHandler("ADMIN", async (_request, access) => Response.json(await deactivateIntegration({ id: access.projectId, key: access.projectKey, timezone: access.projectTimezone }, { userId: null, actor: access.actor })));
