// Sign-in attempts: each one is recorded before its password is checked (and removed when it turns
// out right), under a per-e-mail lock, so parallel guesses count against each other.
import { FREE_FAILURES_PER_ADDRESS, FREE_FAILURES_PER_EMAIL, FREE_FAILURES_PER_EMAIL_EVERYWHERE, signInWaitMs, THROTTLE_WINDOW_MS, type RecentFailures } from "@/lib/auth/throttle-policy";
import { db } from "../client";
import type { Tx } from "../transaction";


async function recent(tx: Tx, where: { email?: string; ip?: string }, since: Date): Promise<RecentFailures> {
  const found = await tx.loginAttempt.aggregate({ where: { ...where, createdAt: { gte: since } }, _count: { _all: true }, _max: { createdAt: true } });
  return { count: found._count._all, lastAt: found._max.createdAt };
}

/**
 * Records an attempt if none of its keys must wait; otherwise answers how long to wait. The keys: this
 * e-mail from this address (an unknown address counts as one address), this e-mail from everywhere (with
 * a larger allowance), and this address for any e-mail.
 */
export async function claimSignInAttempt(email: string, address: string | null, now = new Date()): Promise<{ attemptId: string } | { waitMs: number }> {
  const key = email.toLowerCase();
  const ip = address ?? "";
  const since = new Date(now.getTime() - THROTTLE_WINDOW_MS);
  return db().$transaction(async (tx) => {
    // One attempt per e-mail (then per address) at a time decides, so a burst cannot all see "no failures yet".
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`sign-in:${key}`}))`;
    let waitMs = Math.max(
      signInWaitMs(await recent(tx, { email: key, ip }, since), FREE_FAILURES_PER_EMAIL, now),
      signInWaitMs(await recent(tx, { email: key }, since), FREE_FAILURES_PER_EMAIL_EVERYWHERE, now),
    );
    if (address) {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`sign-in-address:${address}`}))`;
      waitMs = Math.max(waitMs, signInWaitMs(await recent(tx, { ip: address }, since), FREE_FAILURES_PER_ADDRESS, now));
    }
    if (waitMs > 0) return { waitMs };
    const attempt = await tx.loginAttempt.create({ data: { email: key, ip, createdAt: now }, select: { id: true } });
    return { attemptId: attempt.id };
  });
}

/**
 * A right password: the failures of this e-mail from this address (and this attempt) are cleared, not
 * those from elsewhere — the owner signing in must not give a guesser at another address fresh tries.
 * Old rows are pruned as we go.
 */
export async function clearFailedLogins(email: string, address: string | null, before: Date) {
  await db().loginAttempt.deleteMany({ where: { OR: [{ email: email.toLowerCase(), ip: address ?? "" }, { createdAt: { lt: before } }] } });
}
