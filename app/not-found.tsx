import Link from "next/link";
import { getTranslator } from "@/lib/i18n/server";

export default async function NotFound() {
  const t = await getTranslator();
  return (
    <main className="mx-auto max-w-md p-8 text-center">
      <h1 className="text-xl font-semibold">{t("notFound.title")}</h1>
      <p className="mt-3 text-slate-600">{t("notFound.body")}</p>
      <Link href="/" className="mt-6 inline-block text-brand-600 underline">
        {t("notFound.home")}
      </Link>
    </main>
  );
}
