// Optimistic sign-in check for admin pages, so a signed-out visitor lands on sign-in with the page they
// asked for as callbackUrl. It only reads the session cookie: the real checks (session, membership,
// role) run in every page, server action and API route (lib/auth/session.ts, lib/auth/api-token.ts).
import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";

export async function proxy(request: NextRequest) {
  const token = await getToken({ req: request, secret: process.env.NEXTAUTH_SECRET });
  if (token) return NextResponse.next();
  const login = new URL("/login", request.url);
  login.searchParams.set("callbackUrl", `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.redirect(login);
}

export const config = {
  // Everything but sign-in, APIs (they answer 401 themselves), the sandbox CRMs and static files.
  matcher: ["/((?!login|api/|sandbox/|_next/|favicon\\.ico|icon\\.svg|.*\\.[a-z0-9]+$).+)"],
};
