"use client";

import { useRouter } from "next/navigation";
import * as AlertDialog from "@radix-ui/react-alert-dialog";
import { useEffect, useRef, useState } from "react";
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
  const anchor = useRef<HTMLSpanElement>(null);

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

  // Radix's alert dialog: focus moves in and stays there, Escape stays on the page, focus returns after.
  return (
    <>
      {/* The guard sits inside its form; the dialog is portalled out of it, so this finds the form. */}
      <span ref={anchor} hidden />
      <AlertDialog.Root open={Boolean(leavingTo && dirty)} onOpenChange={(open) => (open ? undefined : setLeavingTo(null))}>
        <AlertDialog.Portal>
          <AlertDialog.Overlay className="fixed inset-0 z-50 bg-slate-900/40" />
          <AlertDialog.Content className="fixed left-1/2 top-1/2 z-50 w-[calc(100%-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 space-y-3 rounded-lg bg-white p-5 shadow-xl">
            <AlertDialog.Title className="text-base font-semibold">{t("unsaved.title")}</AlertDialog.Title>
            <AlertDialog.Description className="text-sm text-slate-700">{t("unsaved.body")}</AlertDialog.Description>
            <div className="flex flex-wrap justify-end gap-2">
              <AlertDialog.Cancel asChild>
                {/* "Stay and save" submits the form it guards, as it says (before the dialog goes). */}
                <Button type="button" variant="secondary" onClick={() => anchor.current?.closest("form")?.requestSubmit()}>
                  {t("unsaved.stay")}
                </Button>
              </AlertDialog.Cancel>
              <AlertDialog.Action asChild>
                <Button
                  type="button"
                  variant="danger"
                  onClick={() => {
                    const target = leavingTo;
                    setLeavingTo(null);
                    if (target) router.push(target);
                  }}
                >
                  {t("unsaved.leave")}
                </Button>
              </AlertDialog.Action>
            </div>
          </AlertDialog.Content>
        </AlertDialog.Portal>
      </AlertDialog.Root>
    </>
  );
}
