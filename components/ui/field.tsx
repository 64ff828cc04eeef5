"use client";

import type { ReactNode } from "react";
import { useI18n } from "@/lib/i18n/client";
import { translateMessage } from "@/lib/i18n/config";

/** A labelled form control with its hint and error, wired for screen readers. */
export function Field({ id, label, hint, error, children }: { id: string; label: string; hint?: string; error?: string; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {children}
      {hint && !error ? (
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="text-xs text-red-700" data-testid={`${id}-error`}>
          {translateMessage(t, error)}
        </p>
      ) : null}
    </div>
  );
}
