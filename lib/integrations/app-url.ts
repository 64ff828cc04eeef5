import { env } from "@/lib/env";

/** The app's public base URL (OAuth redirect URIs, the built-in sandbox CRMs). */
export function appUrl(): string {
  const current = env();
  return (current.NEXTAUTH_URL ?? `http://localhost:${current.PORT}`).replace(/\/+$/, "");
}
