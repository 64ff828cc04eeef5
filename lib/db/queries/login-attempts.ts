import { db } from "../client";

export const recordFailedLogin = (email: string, ip: string) => db().loginAttempt.create({ data: { email: email.toLowerCase(), ip }, select: { id: true } });

export async function countRecentFailures(email: string, ip: string, since: Date) {
  const [byEmail, byIp] = await Promise.all([
    db().loginAttempt.count({ where: { email: email.toLowerCase(), createdAt: { gte: since } } }),
    db().loginAttempt.count({ where: { ip, createdAt: { gte: since } } }),
  ]);
  return { byEmail, byIp };
}

/** A successful sign-in clears that e-mail's failures; old rows are pruned as we go. */
export async function clearFailedLogins(email: string, before: Date) {
  await db().loginAttempt.deleteMany({ where: { OR: [{ email: email.toLowerCase() }, { createdAt: { lt: before } }] } });
}
