// Runs before every page: a fresh CSP nonce for the page's scripts, and an optimistic sign-in check for
// admin pages, so a signed-out visitor lands on sign-in with the page they asked for as callbackUrl. It
// only reads the session cookie: the real checks (session, membership, role) run in every page, server
// action and API route (lib/auth/session.ts, lib/auth/api-token.ts).
import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy } from "@/lib/auth/content-security-policy";

/** Pages anyone may open: sign-in, and the sandbox CRMs' own pages (they check their own access). */
const PUBLIC = /^\/(login|invite|sandbox)(\/|$)/;

export async function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const policy = contentSecurityPolicy(nonce, process.env.NODE_ENV === "development");
  let response: NextResponse;
  if (PUBLIC.test(request.nextUrl.pathname) || (await getToken({ req: request, secret: process.env.NEXTAUTH_SECRET }))) {
    const headers = new Headers(request.headers);
    headers.set("content-security-policy", policy);
    response = NextResponse.next({ request: { headers } });
  } else {
    const login = new URL("/login", request.url);
    login.searchParams.set("callbackUrl", `${request.nextUrl.pathname}${request.nextUrl.search}`);
    response = NextResponse.redirect(login);
  }
  response.headers.set("content-security-policy", policy);
  return response;
}

export const config = {
  // Every page; not the APIs (they answer JSON and check their own tokens), nor the sandbox CRMs (anyone
  // may post there: the proxy would buffer up to 10 MB of each body; they limit bodies and set their own
  // policy), Next.js assets or static files.
  matcher: ["/((?!api/|sandbox/|_next/|favicon\\.ico|icon\\.svg|.*\\.[a-z0-9]+$).*)"],
};
