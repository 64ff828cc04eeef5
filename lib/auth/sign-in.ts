// Checks credentials for next-auth's Credentials provider, with throttling per e-mail and per IP.
import { signInSchema } from "@/lib/validation/auth";
import { clearFailedLogins, countRecentFailures, recordFailedLogin } from "@/lib/db/queries/login-attempts";
import { findUserByEmail } from "@/lib/db/queries/users";
import { burnPasswordCheck, verifyPassword } from "./password";
import { isThrottled, THROTTLE_WINDOW_MS } from "./throttle-policy";

/** The error codes the sign-in form turns into messages; they never say whether an e-mail exists. */
export const SIGN_IN_ERRORS = { invalid: "CredentialsSignin", throttled: "TooManyAttempts" } as const;

export class SignInError extends Error {}

export async function authenticate(raw: unknown, ip: string): Promise<{ id: string; email: string; name: string | null }> {
  const parsed = signInSchema.safeParse(raw);
  if (!parsed.success) throw new SignInError(SIGN_IN_ERRORS.invalid);
  const { email, password } = parsed.data;
  const since = new Date(Date.now() - THROTTLE_WINDOW_MS);
  if (isThrottled(await countRecentFailures(email, ip, since))) throw new SignInError(SIGN_IN_ERRORS.throttled);

  const user = await findUserByEmail(email);
  const valid = user ? await verifyPassword(password, user.passwordHash) : await burnPasswordCheck(password);
  if (!user || !valid) {
    await recordFailedLogin(email, ip);
    throw new SignInError(SIGN_IN_ERRORS.invalid);
  }
  await clearFailedLogins(email, since);
  return { id: user.id, email: user.email, name: user.name };
}
