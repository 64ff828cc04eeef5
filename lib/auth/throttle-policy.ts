// Pure throttling decision for sign-ins: too many recent failures for one e-mail (guessing one
// account's password) or from one address (trying many accounts) blocks further attempts for a while.

export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_EMAIL = 5;
export const MAX_FAILURES_PER_IP = 20;

export function isThrottled(failures: { byEmail: number; byIp: number }): boolean {
  return failures.byEmail >= MAX_FAILURES_PER_EMAIL || failures.byIp >= MAX_FAILURES_PER_IP;
}
