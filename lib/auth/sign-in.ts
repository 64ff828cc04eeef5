// Checks credentials for next-auth's Credentials provider, with growing waits per e-mail and address, per
// e-mail everywhere (a larger allowance) and per address (lib/auth/throttle-policy.ts). The address is the
// client's (lib/auth/client-address.ts; behind a proxy, TRUSTED_PROXIES says whose X-Forwarded-For to believe).
import { signInSchema } from "@/lib/validation/auth";
import { claimSignInAttempt, clearFailedLogins } from "@/lib/db/queries/login-attempts";
import { findUserByEmail } from "@/lib/db/queries/users";
import { burnPasswordCheck, verifyPassword } from "./password";
import { signInWait, THROTTLE_WINDOW_MS } from "./throttle-policy";
import { throttleAddress } from "./throttle-address";

/** The error codes the sign-in form turns into messages; they never say whether an e-mail exists. */
export const SIGN_IN_ERRORS = { invalid: "CredentialsSignin", throttled: "TooManyAttempts" } as const;

export class SignInError extends Error {}

export async function authenticate(raw: unknown, address: string | null): Promise<{ id: string; email: string; name: string | null; sessionVersion: number }> {
  const parsed = signInSchema.safeParse(raw);
  if (!parsed.success) throw new SignInError(SIGN_IN_ERRORS.invalid);
  const { email, password } = parsed.data;
  // Counted before the password is checked: a failure is already on record while it is being checked.
  const key = throttleAddress(address);
  const now = new Date();
  const attempt = await claimSignInAttempt(email, key, { now, since: new Date(now.getTime() - THROTTLE_WINDOW_MS), waitMs: (failures) => signInWait(failures, now) });
  if ("waitMs" in attempt) throw new SignInError(SIGN_IN_ERRORS.throttled);

  const user = await findUserByEmail(email);
  const valid = user ? await verifyPassword(password, user.passwordHash) : await burnPasswordCheck(password);
  if (!user || !valid) throw new SignInError(SIGN_IN_ERRORS.invalid);
  await clearFailedLogins(email, key, new Date(Date.now() - THROTTLE_WINDOW_MS));
  return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
}
