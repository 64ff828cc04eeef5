// Sign-in attempts: each one is recorded before its password is checked (and removed when it turns
// out right), under a per-e-mail lock, so parallel guesses count against each other.
import { db } from "../client";
import type { Tx } from "../transaction";

export interface RecentFailures {
  count: number;
  lastAt: Date | null;
}

/** A sign-in's recent failures by key: this e-mail from this address, from everywhere, and this address for any e-mail. */
export interface SignInFailures {
  sameAddress: RecentFailures;
  everywhere: RecentFailures;
  fromAddress: RecentFailures | null;
}

async function recent(tx: Tx, where: { email?: string; ip?: string }, since: Date): Promise<RecentFailures> {
  const found = await tx.loginAttempt.aggregate({ where: { ...where, createdAt: { gte: since } }, _count: { _all: true }, _max: { createdAt: true } });
  return { count: found._count._all, lastAt: found._max.createdAt };
}

/**
 * Records an attempt if none of its keys must wait; otherwise answers how long to wait. The keys: this
 * e-mail from this address (an unknown address counts as one address), this e-mail from everywhere (with
 * a larger allowance), and this address for any e-mail.
 */
export async function claimSignInAttempt(
  email: string,
  address: string | null,
  policy: { since: Date; now: Date; waitMs: (failures: SignInFailures) => number },
): Promise<{ attemptId: string } | { waitMs: number }> {
  const key = email.toLowerCase();
  const ip = address ?? "";
  const { since, now } = policy;
  return db().$transaction(async (tx) => {
    // One attempt per e-mail (then per address) at a time decides, so a burst cannot all see "no failures yet".
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`sign-in:${key}`}))`;
    if (address) await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`sign-in-address:${address}`}))`;
    const waitMs = policy.waitMs({
      sameAddress: await recent(tx, { email: key, ip }, since),
      everywhere: await recent(tx, { email: key }, since),
      fromAddress: address ? await recent(tx, { ip: address }, since) : null,
    });
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
