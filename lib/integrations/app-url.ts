import { env } from "@/lib/env";

/** The app's public base URL (OAuth redirect URIs, the built-in sandbox CRMs). */
export function appUrl(): string {
  const current = env();
  return (current.NEXTAUTH_URL ?? `http://localhost:${current.PORT}`).replace(/\/+$/, "");
}

/** Where Zoho sends the admin back with the authorization code (registered with the OAuth client). */
export const ZOHO_CALLBACK_PATH = "/api/integrations/zoho/callback";
