import Link from "next/link";
import { redirect } from "next/navigation";
import { currentUser } from "@/lib/auth/session";
import { listUserProjects } from "@/lib/db/queries/projects";
import { getTranslator } from "@/lib/i18n/server";
import { SignOutButton } from "@/components/shell/sign-out-button";

// Home: the overview of the first project the user belongs to, or sign-in.
export default async function Home() {
  const user = await currentUser();
  if (!user) redirect("/login");
  const projects = await listUserProjects(user.id);
  if (projects[0]) redirect(`/${projects[0].key}`);
  const t = await getTranslator();
  return (
    <main className="mx-auto max-w-md p-8 text-center">
      <h1 className="text-xl font-semibold">{t("app.name")}</h1>
      <p className="mt-4 text-slate-600">{t("login.noProjects")}</p>
      <Link href="/projects/new" className="mt-6 inline-block rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
        {t("projects.new.link")}
      </Link>
      <div className="mt-6 flex justify-center">
        <SignOutButton />
      </div>
    </main>
  );
}
