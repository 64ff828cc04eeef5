import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { LanguageSwitch } from "@/components/shell/language-switch";
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
    <main className="flex min-h-screen flex-col items-center justify-center px-4">
      <div className="w-full max-w-sm">
        <div className="mb-6 text-center">
          <p className="text-2xl font-semibold text-brand-700">{t("app.name")}</p>
          <p className="mt-1 text-sm text-slate-600">{t("app.tagline")}</p>
        </div>
        <section className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <h1 className="mb-4 text-lg font-semibold">{t("login.title")}</h1>
          {invitedEmail ? (
            <p className="mb-4 rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900" role="status" data-testid="login-invited">
              {t("login.invited", { email: invitedEmail })}
            </p>
          ) : null}
          <LoginForm callbackUrl={callbackUrl} initialError={loginErrorCode(error)} initialEmail={invitedEmail} />
        </section>
        <div className="mt-4 flex justify-center">
          <LanguageSwitch />
        </div>
      </div>
    </main>
  );
}
