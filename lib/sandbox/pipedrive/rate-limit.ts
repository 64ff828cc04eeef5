// Pipedrive's burst limit per token: a rolling 2-second window, with a much smaller budget for search.
// https://pipedrive.readme.io/docs/core-api-concepts-rate-limiting
const WINDOW_MS = 2_000;

interface Window {
  startedAt: number;
  requests: number;
  searches: number;
}

const windows = new Map<string, Window>();

export interface RateDecision {
  allowed: boolean;
  headers: Record<string, string>;
}

export function takeRateLimit(token: string, isSearch: boolean, limits: { burst: number; search: number }, now = Date.now()): RateDecision {
  let window = windows.get(token);
  if (!window || now - window.startedAt >= WINDOW_MS) {
    window = { startedAt: now, requests: 0, searches: 0 };
    windows.set(token, window);
  }
  const limit = isSearch ? limits.search : limits.burst;
  const used = isSearch ? window.searches : window.requests;
  const allowed = used < limit;
  if (allowed) {
    window.requests++;
    if (isSearch) window.searches++;
  }
  const remaining = Math.max(0, limit - (isSearch ? window.searches : window.requests));
  const reset = Math.max(1, Math.ceil((window.startedAt + WINDOW_MS - now) / 1000));
  return { allowed, headers: { "x-ratelimit-limit": String(limit), "x-ratelimit-remaining": String(remaining), "x-ratelimit-reset": String(reset) } };
}

export function resetRateLimits() {
  windows.clear();
}
