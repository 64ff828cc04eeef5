"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useState } from "react";
import { SECTIONS } from "@/lib/navigation";
import { useI18n } from "@/lib/i18n/client";

export function SectionNav({ projectKey, sandbox }: { projectKey: string; sandbox: boolean }) {
  const { t } = useI18n();
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  const links = [
    { slug: "", label: t("nav.overview") },
    ...SECTIONS.map((section) => ({ slug: section.slug, label: t(section.label) })),
    { slug: "settings", label: t("nav.settings") },
    { slug: "api-reference", label: t("nav.api") },
    ...(sandbox ? [{ slug: "sandbox", label: t("nav.sandbox") }] : []),
  ];
  return (
    <nav aria-label={t("nav.sections")} className="md:w-56 md:shrink-0">
      <button
        type="button"
        className="mb-2 w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-left text-sm font-medium md:hidden"
        aria-expanded={open}
        aria-controls="section-links"
        onClick={() => setOpen((value) => !value)}
      >
        {t("nav.menu")}
      </button>
      <ul id="section-links" className={`${open ? "block" : "hidden"} space-y-0.5 md:block`}>
        {links.map((link) => {
          // The overview is the project's own address; it is current only there, not under every section.
          const href = link.slug ? `/${projectKey}/${link.slug}` : `/${projectKey}`;
          const active = pathname === href || (link.slug !== "" && pathname.startsWith(`${href}/`));
          return (
            <li key={link.slug || "overview"}>
              <Link
                href={href}
                aria-current={active ? "page" : undefined}
                onClick={() => setOpen(false)}
                className={`block rounded-md px-3 py-2 text-sm ${active ? "bg-brand-50 font-semibold text-brand-700" : "text-slate-700 hover:bg-slate-100"}`}
              >
                {link.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
