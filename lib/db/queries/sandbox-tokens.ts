// The Zoho sandbox's token rules per refresh token, kept in its own table like the vendor's: how many
// access tokens a refresh token issued lately, and which of them are still live.
import { db } from "../client";
import { storedToken } from "./sandbox";

export interface AccessTokenLimits {
  /** Live (unexpired, unrevoked) access tokens per refresh token; a new one beyond it revokes the oldest. */
  maxLive: number;
  /** Access tokens a refresh token may issue within `windowMs`. */
  maxPerWindow: number;
  windowMs: number;
}

/**
 * Issues `token` for the refresh token `parent` unless the refresh token used up its window ("throttled").
 * The refresh token's row is locked meanwhile, so concurrent requests are counted one after another.
 */
export async function issueLimitedAccessToken(
  input: { accountId: string; parent: string; token: string; expiresAt: Date },
  limits: AccessTokenLimits,
): Promise<"issued" | "throttled"> {
  // Stored as their digests (./sandbox.ts); a refresh token from before that is stored plain.
  const parent = storedToken(input.parent);
  return db().$transaction(async (tx) => {
    await tx.$queryRaw`SELECT token FROM "SandboxToken" WHERE token IN (${parent}, ${input.parent}) FOR UPDATE`;
    const now = new Date();
    const recent = await tx.sandboxToken.count({ where: { parent, kind: "access", createdAt: { gt: new Date(now.getTime() - limits.windowMs) } } });
    if (recent >= limits.maxPerWindow) return "throttled";
    await tx.sandboxToken.create({ data: { accountId: input.accountId, token: storedToken(input.token), kind: "access", parent, expiresAt: input.expiresAt, createdAt: now } });
    const live = await tx.sandboxToken.findMany({
      where: { parent, kind: "access", revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
      orderBy: [{ createdAt: "desc" }, { token: "desc" }],
      skip: limits.maxLive,
      select: { token: true },
    });
    if (live.length) await tx.sandboxToken.updateMany({ where: { token: { in: live.map((row) => row.token) } }, data: { revokedAt: now } });
    return "issued";
  });
}

/** Time travel for tests: the account's recent token requests count as older than the window. */
export async function forgetRecentTokenRequests(accountId: string, windowMs: number) {
  await db().$executeRaw`
    UPDATE "SandboxToken" SET "createdAt" = "createdAt" - ${windowMs}::int * interval '1 millisecond'
     WHERE "accountId" = ${accountId} AND kind = 'access' AND "createdAt" > ${new Date(Date.now() - windowMs)}`;
}
