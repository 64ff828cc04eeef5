import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { readLimitedText } from "@/lib/net/limited-body";
import { authOptions } from "@/lib/auth/options";
import { errorResponse } from "@/lib/errors";

type Context = { params: Promise<{ nextauth: string[] }> };

const handler = (request: Request, context: Context) => NextAuth(authOptions())(request, context);

/** Sign-in forms are small: the body is read under the limit before NextAuth sees it. */
async function post(request: Request, context: Context) {
  let body: string;
  try {
    body = await readLimitedText(request, 16 * 1024);
  } catch (error) {
    return errorResponse(error);
  }
  return handler(new NextRequest(request.url, { method: "POST", headers: request.headers, body }), context);
}

export { handler as GET, post as POST };
