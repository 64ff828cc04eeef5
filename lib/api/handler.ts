// Route handlers of the REST config API and the webhooks go through here: API token and role (or the
// webhook's signature, checked by the ingest code), a body read under the size limit, one error mapping.
import type { SignedRequest } from "@/lib/events/signed-request";
import { requireApiToken, type ApiAccess } from "@/lib/auth/api-token";
import type { Role } from "@/lib/auth/roles";
import type { z } from "zod";
import { AppError, errorResponse, issuesFromZod } from "@/lib/errors";
import { observeRequest, requestIdOf } from "@/lib/observability/request";
import { parseJsonText, readLimitedText } from "@/lib/net/limited-body";

type Params = { projectKey: string } & Record<string, string>;
type Context = { params: Promise<Params> };

/** `handle` gets the route's other path parameters (e.g. a token id) as its third argument. */
export function apiHandler(role: Role, handle: (request: Request, access: ApiAccess, params: Params) => Promise<Response>) {
  return async (request: Request, context: Context): Promise<Response> => {
    const params = await context.params;
    return observeRequest(`${request.method} ${routeOf(request, params)}`, { requestId: requestIdOf(request.headers.get("x-request-id")), projectKey: params.projectKey }, async () => {
      try {
        return await handle(request, await requireApiToken(request, params.projectKey, role), params);
      } catch (error) {
        return errorResponse(error);
      }
    });
  };
}

/**
 * A config-API route with a JSON body checked against its zod schema before `handle` runs: a body that
 * does not match is a 422 naming every problem; nothing is done with it.
 */
export function apiBodyHandler<T>(role: Role, schema: z.ZodType<T>, handle: (body: T, access: ApiAccess, params: Params) => Promise<Response>, { optional = false } = {}) {
  return apiHandler(role, async (request, access, params) => {
    const parsed = schema.safeParse(await jsonBody(request, { optional }));
    if (!parsed.success) throw new AppError("UNPROCESSABLE", "The request is not valid.", issuesFromZod(parsed.error.issues));
    return handle(parsed.data, access, params);
  });
}

/** The request's JSON body; too large, invalid or too deeply nested JSON is an error naming the problem. */
export async function jsonBody(request: Request, { optional = false } = {}): Promise<unknown> {
  const text = await readLimitedText(request);
  if (!text.trim()) {
    if (optional) return {};
    throw new AppError("BAD_REQUEST", "Send a JSON body.");
  }
  return parseJsonText(text);
}

export function webhookHandler(handle: (input: SignedRequest) => Promise<Response>) {
  return async (request: Request, context: Context): Promise<Response> => {
    const params = await context.params;
    return observeRequest(`${request.method} ${routeOf(request, params)}`, { requestId: requestIdOf(request.headers.get("x-request-id")), projectKey: params.projectKey }, async () => {
      try {
        return await handle({
          projectKey: params.projectKey,
          rawBody: await readLimitedText(request),
          timestamp: request.headers.get("x-callbridge-timestamp"),
          signature: request.headers.get("x-callbridge-signature"),
        });
      } catch (error) {
        return errorResponse(error);
      }
    });
  };
}

/** The request's path with its parameters' values put back as names: a bounded label, no ids. */
function routeOf(request: Request, params: Params): string {
  const names = new Map(Object.entries(params).map(([name, value]) => [value, `{${name}}`]));
  return new URL(request.url).pathname
    .split("/")
    .map((segment) => names.get(decodeURIComponent(segment)) ?? segment)
    .join("/");
}
