"use client";

import { usePathname, useRouter } from "next/navigation";
import { useI18n } from "@/lib/i18n/client";

/** Switching project keeps the user in the same section. */
export function ProjectSwitcher({ current, projects }: { current: string; projects: Array<{ key: string; name: string }> }) {
  const { t } = useI18n();
  const router = useRouter();
  const pathname = usePathname();
  return (
    <label className="flex min-w-0 items-center gap-2 text-sm">
      <span className="hidden text-slate-500 sm:inline">{t("shell.project")}</span>
      <select
        aria-label={t("shell.project")}
        className="max-w-56 truncate rounded-md border border-slate-300 bg-white px-2 py-1 text-sm font-medium"
        value={current}
        onChange={(event) => {
          const rest = pathname.split("/").slice(2).join("/");
          router.push(`/${event.target.value}/${rest || "integration"}`);
        }}
      >
        {projects.map((project) => (
          <option key={project.key} value={project.key}>
            {project.name}
          </option>
        ))}
      </select>
    </label>
  );
}
