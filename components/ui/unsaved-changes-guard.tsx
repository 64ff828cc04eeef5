"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { useI18n } from "@/lib/i18n/client";
import { Button } from "./button";

/**
 * While a form has unsaved changes: leaving the page by a link asks first, in the page; closing or
 * reloading the tab gets the browser's own question (the only one a page may ask there).
 */
export function UnsavedChangesGuard({ dirty }: { dirty: boolean }) {
  const { t } = useI18n();
  const router = useRouter();
  const [leavingTo, setLeavingTo] = useState<string | null>(null);

  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => event.preventDefault();
    // Links are caught before Next's router sees them (capture phase): same-site pages only.
    const onClick = (event: MouseEvent) => {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const anchor = (event.target as Element | null)?.closest?.("a[href]");
      if (!(anchor instanceof HTMLAnchorElement) || anchor.target === "_blank" || anchor.hasAttribute("download")) return;
      const url = new URL(anchor.href, window.location.href);
      if (url.origin !== window.location.origin || (url.pathname === window.location.pathname && url.search === window.location.search)) return;
      event.preventDefault();
      event.stopPropagation();
      setLeavingTo(`${url.pathname}${url.search}${url.hash}`);
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    document.addEventListener("click", onClick, true);
    return () => {
      window.removeEventListener("beforeunload", onBeforeUnload);
      document.removeEventListener("click", onClick, true);
    };
  }, [dirty]);

  if (!leavingTo || !dirty) return null;
  return (
    <div className="fixed inset-0 z-50 flex items-center justify-center bg-slate-900/40 p-4" role="presentation">
      <div role="alertdialog" aria-modal="true" aria-labelledby="unsaved-title" aria-describedby="unsaved-body" className="w-full max-w-md space-y-3 rounded-lg bg-white p-5 shadow-xl">
        <h2 id="unsaved-title" className="text-base font-semibold">
          {t("unsaved.title")}
        </h2>
        <p id="unsaved-body" className="text-sm text-slate-700">
          {t("unsaved.body")}
        </p>
        <div className="flex flex-wrap justify-end gap-2">
          {/* The guard sits inside its form: "Stay and save" submits it, as it says (before the dialog goes). */}
          <Button
            type="button"
            variant="secondary"
            autoFocus
            onClick={(event) => {
              event.currentTarget.closest("form")?.requestSubmit();
              setLeavingTo(null);
            }}
          >
            {t("unsaved.stay")}
          </Button>
          <Button
            type="button"
            variant="danger"
            onClick={() => {
              const target = leavingTo;
              setLeavingTo(null);
              router.push(target);
            }}
          >
            {t("unsaved.leave")}
          </Button>
        </div>
      </div>
    </div>
  );
}
