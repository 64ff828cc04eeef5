// next-auth configuration: Credentials provider, JWT sessions. Roles are not put in the token: they
// are read per project from the database on every request, so a changed role takes effect at once.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { env } from "@/lib/env";
import { bumpSessionVersion } from "@/lib/db/queries/users";
import { clientAddress } from "./client-address";
import { authenticate } from "./sign-in";

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
      jwt({ token, user }) {
        if (user) {
          token.sub = user.id;
          token.sv = user.sessionVersion ?? 0;
        }
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
    events: {
      // Signing out ends every session of the user, including a copied cookie that is still unexpired.
      async signOut({ token }) {
        if (token?.sub) await bumpSessionVersion(token.sub);
      },
    },
  };
}
