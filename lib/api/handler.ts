// Route handlers of the REST config API go through here: API token and role, JSON body, one error mapping.
import { requireApiToken, type ApiAccess } from "@/lib/auth/api-token";
import type { Role } from "@/lib/auth/roles";
import { AppError, errorResponse } from "@/lib/errors";

type Context = { params: Promise<{ projectKey: string }> };

export function apiHandler(role: Role, handle: (request: Request, access: ApiAccess) => Promise<Response>) {
  return async (request: Request, context: Context): Promise<Response> => {
    try {
      const { projectKey } = await context.params;
      return await handle(request, await requireApiToken(request, projectKey, role));
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/** The request's JSON body; invalid JSON is a 400 naming the problem. */
export async function jsonBody(request: Request, { optional = false } = {}): Promise<unknown> {
  const text = await request.text();
  if (!text.trim()) {
    if (optional) return {};
    throw new AppError("BAD_REQUEST", "Send a JSON body.");
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new AppError("BAD_REQUEST", `The body is not valid JSON: ${(error as Error).message}`);
  }
}
