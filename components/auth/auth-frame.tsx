import type { ReactNode } from "react";
import { LanguageSwitch } from "@/components/shell/language-switch";
import { getTranslator } from "@/lib/i18n/server";

/** The frame of the pages a person sees before signing in (sign-in, invitation): name, card, language. */
export async function AuthFrame({ title, children }: { title: string; children: ReactNode }) {
  const t = await getTranslator();
  return (
    <main className="flex min-h-screen flex-col items-center justify-center px-4">
      <div className="w-full max-w-sm">
        <div className="mb-6 text-center">
          <p className="text-2xl font-semibold text-brand-700">{t("app.name")}</p>
          <p className="mt-1 text-sm text-slate-600">{t("app.tagline")}</p>
        </div>
        <section className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <h1 className="mb-4 text-lg font-semibold">{title}</h1>
          {children}
        </section>
        <div className="mt-4 flex justify-center">
          <LanguageSwitch />
        </div>
      </div>
    </main>
  );
}
