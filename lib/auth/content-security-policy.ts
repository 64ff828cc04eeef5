// The pages' Content-Security-Policy: scripts only with this response's nonce (Next.js puts it on its
// own scripts when it finds the policy on the request), no framing, no plugins, forms and connections
// to this site only. Style attributes stay allowed: the UI sets inline styles (widths, colours).
export function contentSecurityPolicy(nonce: string, development: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}
