// next-auth configuration: Credentials provider, JWT sessions. Roles are not put in the token: they
// are read per project from the database on every request, so a changed role takes effect at once.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { env } from "@/lib/env";
import { log } from "@/lib/observability/logger";
import { bumpSessionVersion, findSessionUser } from "@/lib/db/queries/users";
import { clientAddress } from "./client-address";
import { authenticate } from "./sign-in";

/**
 * Thrown by the jwt callback for a token that is signed but no longer current: next-auth then answers the
 * session as signed out and clears the cookie (it catches any error the callback throws).
 */
const SESSION_ENDED = "SessionEnded";

export function authOptions(): NextAuthOptions {
  return {
    secret: env().NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
    pages: { signIn: "/login", error: "/login" },
    providers: [
      CredentialsProvider({
        name: "E-mail",
        credentials: { email: { label: "E-mail", type: "email" }, password: { label: "Password", type: "password" } },
        // Throwing passes the error code to the sign-in form (see SIGN_IN_ERRORS).
        authorize: (credentials, req) => authenticate(credentials, clientAddress(req?.headers)),
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          token.sub = user.id;
          token.sv = user.sessionVersion ?? 0;
          return token;
        }
        // An existing token (every /api/auth/session and getServerSession): still this user's current
        // session? A sign-out elsewhere, a new password or a removed user ends it, though the JWT is unexpired.
        if (!token.sub || !(await findSessionUser(token.sub, token.sv ?? 0))) throw new Error(SESSION_ENDED);
        return token;
      },
      session({ session, token }) {
        if (session.user && token.sub) {
          session.user.id = token.sub;
          session.user.sessionVersion = token.sv ?? 0;
        }
        return session;
      },
    },
    logger: {
      // An ended session is an expected answer, not an error worth a log line on every request.
      error(code, metadata) {
        if (code === "JWT_SESSION_ERROR" && (metadata as { message?: string } | undefined)?.message === SESSION_ENDED) return;
        log("auth").error({ code, detail: metadata }, "next-auth error");
      },
    },
    events: {
      // Signing out ends every session of the user, including a copied cookie that is still unexpired.
      async signOut({ token }) {
        if (token?.sub) await bumpSessionVersion(token.sub);
      },
    },
  };
}
