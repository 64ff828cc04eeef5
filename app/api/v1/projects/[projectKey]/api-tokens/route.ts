// GET|POST /api/v1/projects/{projectKey}/api-tokens — the project's API tokens (never their secrets);
// a created token is in the answer once.
import { apiBodyHandler, apiHandler } from "@/lib/api/handler";
import { apiTokensOf, createApiToken } from "@/lib/projects/api-tokens";
import { apiTokenSchema } from "@/lib/validation/api-token";

export const dynamic = "force-dynamic";

const project = (access: { projectId: string; projectKey: string }) => ({ id: access.projectId, key: access.projectKey });

export const GET = apiHandler("ADMIN", async (_request, access) => Response.json({ tokens: await apiTokensOf(project(access)) }));

export const POST = apiBodyHandler("ADMIN", apiTokenSchema, async (body, access) => Response.json(await createApiToken(project(access), body, { userId: null, actor: access.actor }), { status: 201 }));
