// Where to go after sign-in: only a path on this site. Browsers read "/\host" and "/%09/host" as
// another host, so the path is resolved the way a browser would and must stay on the same origin.
const BASE = "https://callbridge.invalid";

export function sameOriginPath(url: string | null | undefined): string {
  if (!url || !url.startsWith("/") || /[\u0000-\u001f\\]/.test(url)) return "/";
  try {
    const resolved = new URL(url, BASE);
    return resolved.origin === BASE ? `${resolved.pathname}${resolved.search}${resolved.hash}` : "/";
  } catch {
    return "/";
  }
}
