// A request through a route handler as Next would hand it over: path parameters, token, signed webhook body.
import { signPayload } from "@/lib/events/signature";

/** Each route types its own path parameters; tests pass them all as strings. */
export type RouteHandler = (request: Request, context: { params: Promise<never> }) => Promise<Response>;

export interface RouteCall {
  method: string;
  /** The path template, e.g. /api/v1/projects/{projectKey}/events/{eventId}. */
  template: string;
  params: { projectKey: string } & Record<string, string>;
  token?: string | null;
  body?: unknown;
  raw?: string;
  query?: string;
  signed?: { secret: string; timestamp?: number };
}

export async function callRoute(handler: RouteHandler, call: RouteCall): Promise<{ status: number; text: string; body: unknown }> {
  const url = `http://localhost${call.template.replace(/\{(\w+)\}/g, (_match, name: string) => call.params[name] ?? "")}${call.query ?? ""}`;
  const raw = call.raw ?? (call.body === undefined ? undefined : JSON.stringify(call.body));
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (call.token) headers.authorization = `Bearer ${call.token}`;
  if (call.signed) {
    const timestamp = call.signed.timestamp ?? Math.floor(Date.now() / 1000);
    headers["x-callbridge-timestamp"] = String(timestamp);
    headers["x-callbridge-signature"] = signPayload(call.signed.secret, timestamp, raw ?? "");
  }
  const response = await handler(new Request(url, { method: call.method.toUpperCase(), headers, body: raw }), { params: Promise.resolve(call.params) as Promise<never> });
  const text = await response.text();
  return { status: response.status, text, body: text ? JSON.parse(text) : undefined };
}
