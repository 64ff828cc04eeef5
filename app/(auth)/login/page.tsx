import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { AuthFrame } from "@/components/auth/auth-frame";
import { currentUserId } from "@/lib/auth/session";
import { getTranslator } from "@/lib/i18n/server";
import { loginErrorCode } from "@/lib/pages/query-error";
import { emailSchema } from "@/lib/validation/auth";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string; invited?: string }> }) {
  if (await currentUserId()) redirect("/");
  const { callbackUrl, error, invited } = await searchParams;
  // Only an e-mail is shown back (what the invitation page just set a password for), as text, never markup.
  const invitedEmail = invited && emailSchema.safeParse(invited).success ? invited.toLowerCase() : undefined;
  const t = await getTranslator();
  return (
    <AuthFrame title={t("login.title")}>
      {invitedEmail ? (
        <p className="mb-4 rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900" role="status" data-testid="login-invited">
          {t("login.invited", { email: invitedEmail })}
        </p>
      ) : null}
      <LoginForm callbackUrl={callbackUrl} initialError={loginErrorCode(error)} initialEmail={invitedEmail} />
    </AuthFrame>
  );
}
