import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { NewProjectForm } from "@/components/projects/new-project-form";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { currentUser } from "@/lib/auth/session";
import { listUserProjects } from "@/lib/db/queries/projects";
import { getTranslator } from "@/lib/i18n/server";
import { timeZoneOptions } from "@/lib/validation/project";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslator();
  return { title: `${t("projects.new.title")} · ${t("app.name")}` };
}

/** Any signed-in user may create a project and becomes its OWNER. */
export default async function NewProjectPage() {
  const user = await currentUser();
  if (!user) redirect("/login");
  const [t, projects] = await Promise.all([getTranslator(), listUserProjects(user.id)]);
  return (
    <main className="mx-auto max-w-2xl space-y-6 p-4 sm:p-8">
      <header className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-lg font-semibold">{t("app.name")}</p>
        <div className="flex items-center gap-3">
          {projects[0] ? (
            <Link href={`/${projects[0].key}/integration`} className="text-sm text-brand-700 underline">
              {t("projects.new.back")}
            </Link>
          ) : null}
          <SignOutButton />
        </div>
      </header>
      <div className="space-y-2">
        <h1 className="text-xl font-semibold">{t("projects.new.title")}</h1>
        <p className="text-sm text-slate-600">{t("projects.new.about")}</p>
      </div>
      <NewProjectForm timeZones={timeZoneOptions} defaults={{ timezone: "Europe/Kyiv", defaultCountry: "UA" }} />
    </main>
  );
}
