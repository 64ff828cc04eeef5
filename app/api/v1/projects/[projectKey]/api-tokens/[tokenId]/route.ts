// DELETE /api/v1/projects/{projectKey}/api-tokens/{tokenId} — revokes the token at once.
import { apiHandler } from "@/lib/api/handler";
import { revokeApiToken } from "@/lib/projects/api-tokens";

export const dynamic = "force-dynamic";

export const DELETE = apiHandler("ADMIN", async (_request, access, params) => {
  await revokeApiToken({ id: access.projectId, key: access.projectKey }, params.tokenId!, { userId: null, actor: access.actor });
  return new Response(null, { status: 204 });
});
