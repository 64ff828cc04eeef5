import { apiBodyHandler } from "@/lib/api/handler";
import { activateIntegration } from "@/lib/replay/activation";
import { activateSchema } from "@/lib/validation/integration";

export const dynamic = "force-dynamic";

export const POST = apiBodyHandler(
  "ADMIN",
  activateSchema,
  async (body, access) => Response.json(await activateIntegration({ id: access.projectId, key: access.projectKey, timezone: access.projectTimezone }, body, { userId: null, actor: access.actor })),
  { optional: true },
);
