import Link from "next/link";
import type { ReactNode } from "react";
import type { Role } from "@/lib/auth/roles";
import { sandboxEnabled } from "@/lib/env";
import { getTranslator } from "@/lib/i18n/server";
import { LanguageSwitch } from "./language-switch";
import { ProjectSwitcher } from "./project-switcher";
import { SectionNav } from "./section-nav";
import { SignOutButton } from "./sign-out-button";

export async function AdminShell(props: {
  projectKey: string;
  projects: Array<{ key: string; name: string }>;
  user: { email: string };
  role: Role;
  /** Shown under the header on every page (open alerts). */
  banner?: ReactNode;
  children: ReactNode;
}) {
  const t = await getTranslator();
  return (
    <div className="min-h-screen">
      {/* Keyboard users reach the page's content without tabbing through the header and the section list. */}
      <a href="#content" className="sr-only rounded-md bg-white px-3 py-2 text-sm font-medium text-brand-700 shadow focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50">
        {t("shell.skipToContent")}
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-3 px-4 py-3">
          <span className="text-lg font-semibold text-brand-700">{t("app.name")}</span>
          <ProjectSwitcher current={props.projectKey} projects={props.projects} />
          <Link href="/projects/new" className="text-sm text-brand-700 underline-offset-2 hover:underline">
            + {t("shell.newProject")}
          </Link>
          <div className="ml-auto flex flex-wrap items-center gap-3">
            <span className="hidden text-sm text-slate-500 lg:inline" data-testid="signed-in-as">
              {t("shell.signedInAs", { email: props.user.email })} · {t("shell.role", { role: t(`role.${props.role}`) })}
            </span>
            <LanguageSwitch />
            <SignOutButton />
          </div>
        </div>
      </header>
      {props.banner}
      <div className="mx-auto flex max-w-7xl flex-col gap-6 px-4 py-6 md:flex-row">
        <SectionNav projectKey={props.projectKey} sandbox={sandboxEnabled()} />
        <main id="content" tabIndex={-1} className="min-w-0 flex-1 focus:outline-none">
          {props.children}
        </main>
      </div>
    </div>
  );
}
