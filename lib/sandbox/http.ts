// Small helpers for the sandbox handlers, which answer standard Requests with standard Responses.

export const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json;charset=UTF-8", ...headers } });

export const empty = (status = 204) => new Response(null, { status });

/** A body read past its limit; recognised by `code`, not instanceof (Next compiles bundles separately). */
export class BodyTooLarge extends Error {
  readonly code = "SANDBOX_BODY_TOO_LARGE";
}
export const isBodyTooLarge = (error: unknown) => (error as { code?: unknown } | null)?.code === "SANDBOX_BODY_TOO_LARGE";

/**
 * The request with its body cut off at `limit` bytes: whoever reads it (json, text, formData) gets
 * BodyTooLarge as soon as more arrives, so nothing buffers more than the limit — chunked bodies carry no
 * Content-Length to refuse up front.
 */
export function limitedRequest(request: Request, limit: number): Request {
  if (!request.body) return request;
  let total = 0;
  const body = request.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        total += chunk.byteLength;
        if (total > limit) controller.error(new BodyTooLarge(`The request body is larger than ${Math.round(limit / 1024)} KiB.`));
        else controller.enqueue(chunk);
      },
    }),
  );
  return new Request(request.url, { method: request.method, headers: request.headers, body, signal: request.signal, duplex: "half" } as RequestInit);
}

/** Reads a JSON body; null when it is not JSON (the handler answers the vendor's error for that). */
export async function readJson(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch (error) {
    if (isBodyTooLarge(error)) throw error;
    return null;
  }
}

/**
 * The parameters of an OAuth token request, in every form the vendors take them: url-encoded or
 * multipart body (Zoho's own SDK posts multipart), or the query string. Body values win over the query.
 */
export async function readTokenParams(request: Request, url: URL): Promise<URLSearchParams> {
  const params = new URLSearchParams(url.searchParams);
  const type = request.headers.get("content-type") ?? "";
  if (type.startsWith("multipart/form-data")) {
    const form = await request.formData().catch((error: unknown) => {
      if (isBodyTooLarge(error)) throw error;
      return null;
    });
    for (const [name, value] of form ?? []) if (typeof value === "string") params.set(name, value);
  } else {
    for (const [name, value] of new URLSearchParams(await request.text())) params.set(name, value);
  }
  return params;
}

export interface Route<C> {
  method: string;
  pattern: RegExp;
  handle: (context: C, params: string[]) => Promise<Response>;
}

/** Finds the route for a method and path; params are the pattern's capture groups. */
export function match<C>(routes: Route<C>[], method: string, path: string): { route: Route<C>; params: string[] } | null {
  for (const route of routes) {
    if (route.method !== method) continue;
    const found = route.pattern.exec(path);
    if (found) return { route, params: found.slice(1).map(decodeURIComponent) };
  }
  return null;
}

export const randomHex = (bytes: number) => {
  const values = crypto.getRandomValues(new Uint8Array(bytes));
  return Array.from(values, (value) => value.toString(16).padStart(2, "0")).join("");
};
