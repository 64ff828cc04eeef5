"use client";

import Link from "next/link";
import { useState, useSyncExternalStore } from "react";
import { Button } from "@/components/ui/button";
import { useI18n } from "@/lib/i18n/client";
import { checklist, type ChecklistFacts, type ChecklistStep } from "@/lib/overview/checklist";

const LINKS: Record<ChecklistStep, string> = {
  connect: "integration",
  test: "integration",
  matrix: "matrix",
  employees: "employees",
  webhook: "settings",
  firstEvent: "events",
  activate: "integration",
};

const subscribe = (onChange: () => void) => {
  window.addEventListener("storage", onChange);
  return () => window.removeEventListener("storage", onChange);
};

/** Shown on the overview until every step is done; the webhook URL is copied right here. */
export function OnboardingChecklist({ projectKey, facts, webhookUrl }: { projectKey: string; facts: Omit<ChecklistFacts, "webhookCopied">; webhookUrl: string }) {
  const { t } = useI18n();
  const storageKey = `cb_webhook_copied:${projectKey}`;
  // Remembered in this browser (the server cannot know a copy happened); the server render says "not yet".
  const remembered = useSyncExternalStore(
    subscribe,
    () => window.localStorage.getItem(storageKey) === "yes",
    () => false,
  );
  const [copiedNow, setCopiedNow] = useState(false);
  const copied = remembered || copiedNow;
  const state = checklist({ ...facts, webhookCopied: copied });
  if (state.complete) return null;
  const copy = async () => {
    await navigator.clipboard.writeText(webhookUrl).catch(() => undefined);
    window.localStorage.setItem(storageKey, "yes");
    setCopiedNow(true);
  };
  return (
    <section aria-labelledby="checklist-title" className="rounded-lg border border-brand-200 bg-brand-50/40 p-4" data-testid="onboarding-checklist">
      <h2 id="checklist-title" className="text-base font-semibold">
        {t("overview.checklist.title")}
      </h2>
      <p className="mb-3 text-sm text-slate-600">{t("overview.checklist.about")}</p>
      <ol className="space-y-2">
        {state.steps.map(({ step, done }, index) => (
          <li key={step} className="flex flex-wrap items-center gap-2 text-sm" data-testid={`checklist-${step}`} data-done={done}>
            <span aria-hidden className={`inline-flex h-5 w-5 items-center justify-center rounded-full text-xs ${done ? "bg-green-600 text-white" : "border border-slate-400 text-slate-500"}`}>
              {done ? "✓" : index + 1}
            </span>
            <span className={done ? "text-slate-500 line-through" : step === state.next ? "font-semibold" : ""}>{t(`overview.checklist.${step}`)}</span>
            <span className="sr-only">{done ? t("overview.checklist.done") : t("overview.checklist.notDone")}</span>
            {!done && step !== "webhook" ? (
              <Link href={`/${projectKey}/${LINKS[step]}`} className="text-brand-700 underline">
                {t("overview.checklist.go")}
              </Link>
            ) : null}
            {step === "webhook" ? (
              <span className="flex flex-wrap items-center gap-2">
                <code className="break-all rounded bg-white px-2 py-0.5 text-xs" data-testid="webhook-url">
                  {webhookUrl}
                </code>
                <Button variant="secondary" onClick={copy}>
                  {copied ? t("settings.tokens.copied") : t("overview.checklist.copyUrl")}
                </Button>
                <Link href={`/${projectKey}/settings`} className="text-brand-700 underline">
                  {t("overview.checklist.secret")}
                </Link>
              </span>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
