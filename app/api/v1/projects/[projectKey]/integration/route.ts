import { apiHandler, jsonBody } from "@/lib/api/handler";
import { getIntegrationDocument, putIntegrationDocument } from "@/lib/config/document";

export const dynamic = "force-dynamic";

export const GET = apiHandler("VIEWER", async (_request, access) => Response.json(await getIntegrationDocument(access.projectId)));

export const PUT = apiHandler("ADMIN", async (request, access) =>
  Response.json(await putIntegrationDocument({ id: access.projectId, key: access.projectKey }, await jsonBody(request), { userId: null, actor: access.actor })),
);
