import { env } from "@/lib/env";

/** The app's public base URL (OAuth redirect URIs, the built-in sandbox CRMs). */
export function appUrl(): string {
  const current = env();
  return (current.NEXTAUTH_URL ?? `http://localhost:${current.PORT}`).replace(/\/+$/, "");
}

/** Where a CRM's consent page sends the admin back with the code (registered with the OAuth app). */
export const oauthCallbackPath = (crm: string) => `/api/integrations/${crm}/callback`;
