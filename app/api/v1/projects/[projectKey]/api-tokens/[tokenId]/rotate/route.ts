// POST /api/v1/projects/{projectKey}/api-tokens/{tokenId}/rotate — a new token with the same name and
// role (in the answer once); the old one stops working at once.
import { apiHandler } from "@/lib/api/handler";
import { rotateApiToken } from "@/lib/projects/api-tokens";

export const dynamic = "force-dynamic";

export const POST = apiHandler("ADMIN", async (_request, access, params) =>
  Response.json(await rotateApiToken({ id: access.projectId, key: access.projectKey }, params.tokenId!, { userId: null, actor: access.actor })),
);
