// A CSRF check for the sandbox control endpoint's POST when it is signed in by the session cookie:
// SameSite=Lax keeps the cookie off other sites' subrequests but not off a same-site sibling's (another
// port or subdomain of the same site), so the browser must also say the request comes from the app.
// Fetch metadata (Sec-Fetch-Site) first, the Origin header where it is missing; a cookie-bearing POST
// with neither is not one of our pages'. Bearer-token and cookieless requests cannot ride a session.
import { AppError } from "@/lib/errors";

export function crossSiteRefusal(request: Request, appOrigin: string): AppError | null {
  if (request.method !== "POST" || request.headers.has("authorization") || !request.headers.has("cookie")) return null;
  const site = request.headers.get("sec-fetch-site");
  const origin = request.headers.get("origin");
  if (site === "same-origin" || site === "none") return null;
  if (!site && origin === appOrigin) return null;
  return new AppError("FORBIDDEN", "Control requests signed in by the session must come from this app's own pages.");
}
