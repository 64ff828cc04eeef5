// Pure throttling decision for sign-ins. Failures within the window make each further attempt wait
// longer (2 s, 4 s, 8 s … up to 15 min after the last failure) instead of locking the account: a wait
// holds a guesser back, and the owner's right password works again once it has passed.
import type { RecentFailures, SignInFailures } from "@/lib/db/queries/login-attempts";

export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
/**
 * Failures of one e-mail from one address (guessing one account's password) before attempts from there
 * must wait. Counted per address so that someone flooding an owner's e-mail with wrong passwords holds
 * back only themselves: the owner signing in from elsewhere is not kept out.
 */
export const FREE_FAILURES_PER_EMAIL = 4;
/**
 * Failures of one e-mail from all addresses together (a guess spread over many addresses). One address
 * cannot reach it alone: its own waits (2 s, 4 s … 15 min) let it record only about a dozen failures of an
 * e-mail in the window, so this many takes at least three addresses working together.
 */
export const FREE_FAILURES_PER_EMAIL_EVERYWHERE = 30;
/** Failures from one client address (trying many accounts), when the address is known. */
export const FREE_FAILURES_PER_ADDRESS = 20;
const MAX_WAIT_MS = THROTTLE_WINDOW_MS;

/** How long a sign-in with these failures must wait (0: it may try now). */
export const signInWait = (failures: SignInFailures, now: Date) =>
  Math.max(
    signInWaitMs(failures.sameAddress, FREE_FAILURES_PER_EMAIL, now),
    signInWaitMs(failures.everywhere, FREE_FAILURES_PER_EMAIL_EVERYWHERE, now),
    failures.fromAddress ? signInWaitMs(failures.fromAddress, FREE_FAILURES_PER_ADDRESS, now) : 0,
  );

/** How long an attempt must still wait (0: go ahead). */
export function signInWaitMs(failures: RecentFailures, freeFailures: number, now: Date): number {
  if (failures.count < freeFailures || !failures.lastAt) return 0;
  const wait = Math.min(MAX_WAIT_MS, 2 ** (failures.count - freeFailures + 1) * 1000);
  return Math.max(0, failures.lastAt.getTime() + wait - now.getTime());
}
