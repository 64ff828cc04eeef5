// GET /api/auth/session over real HTTP, answered by next-auth's own handler with our options (its
// pages-router form on node:http — the App Router form needs Next's request scope — with the small
// req.query/res.send surface Next's API routes add), with a real signed JWT cookie: a token whose session
// version has moved on (sign-out, new password) or whose user is gone answers signed out, and the stale
// cookie is cleared.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import NextAuth from "next-auth";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { bumpSessionVersion } from "@/lib/db/queries/users";
import { makeMember, makeProject } from "@/testing/factories";
import { authOptions } from "./options";
import { authenticate } from "./sign-in";

type ApiRequest = IncomingMessage & { query: Record<string, unknown>; cookies: Record<string, string> };
type ApiResponse = ServerResponse & { status(code: number): ApiResponse; send(body: unknown): void; json(body: unknown): void };

const server = createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  const request = Object.assign(req, {
    query: { ...Object.fromEntries(url.searchParams), nextauth: url.pathname.replace(/^\/api\/auth\//, "").split("/") },
    cookies: Object.fromEntries((req.headers.cookie ?? "").split(/;\s*/).filter(Boolean).map((pair) => [pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1)])),
  }) as ApiRequest;
  const response = res as ApiResponse;
  response.status = (code) => ((response.statusCode = code), response);
  response.send = (body) => response.setHeader("content-type", "application/json").end(typeof body === "string" ? body : JSON.stringify(body));
  response.json = response.send;
  void NextAuth(request as never, response as never, authOptions());
});
let base = "";
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function signedIn() {
  const project = await makeProject("Session endpoint");
  const { email, password } = await makeMember(project.projectKey, "ADMIN");
  const user = await authenticate({ email, password }, null);
  const cookie = `next-auth.session-token=${await encode({ token: { sub: user.id, sv: user.sessionVersion }, secret: process.env.NEXTAUTH_SECRET! })}`;
  return { user, cookie };
}

async function session(cookie: string) {
  const response = await fetch(`${base}/api/auth/session`, { headers: { cookie } });
  return { status: response.status, body: (await response.json()) as { user?: { id: string } }, setCookie: response.headers.getSetCookie().join("\n") };
}

describe("/api/auth/session", () => {
  it("answers the signed-in user for a current token", async () => {
    const { user, cookie } = await signedIn();
    expect((await session(cookie)).body.user).toMatchObject({ id: user.id });
  });

  it("answers signed out, and clears the cookie, once the session version has moved (sign-out elsewhere, new password)", async () => {
    const { user, cookie } = await signedIn();
    await bumpSessionVersion(user.id);
    const answer = await session(cookie);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({});
    expect(answer.setCookie).toMatch(/next-auth\.session-token=;/);
  });

  it("answers signed out for a removed user", async () => {
    const { user, cookie } = await signedIn();
    await db().membership.deleteMany({ where: { userId: user.id } });
    await db().user.delete({ where: { id: user.id } });
    expect((await session(cookie)).body).toEqual({});
  });
});
