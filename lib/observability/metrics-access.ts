// Who may read /api/metrics and the worker's /metrics: a scraper with METRICS_TOKEN as its bearer
// token. Unset, metrics are off and answer 404 (nothing says they exist); a wrong token is 401.
import { createHash, timingSafeEqual } from "node:crypto";

const digest = (text: string) => createHash("sha256").update(text).digest();

export function metricsAccess(authorization: string | null | undefined): 200 | 401 | 404 {
  const token = process.env.METRICS_TOKEN;
  if (!token) return 404;
  const given = /^Bearer\s+(.+)$/i.exec(authorization ?? "")?.[1]?.trim() ?? "";
  // Compared as digests: equal lengths, and no timing difference tells how much of it was right.
  return timingSafeEqual(digest(given), digest(token)) ? 200 : 401;
}
