"use client";

import { createContext, useCallback, useContext, useMemo, type ReactNode } from "react";
import { actionErrorText, type ActionError } from "./action-error";
import { translator, type Locale, type Translate } from "./config";

const I18nContext = createContext<{ locale: Locale; t: Translate } | null>(null);

export function I18nProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  const value = useMemo(() => ({ locale, t: translator(locale) }), [locale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n() {
  const value = useContext(I18nContext);
  if (!value) throw new Error("useI18n must be used inside <I18nProvider>");
  return value;
}

/** An action's failure as text in the person's language (lib/i18n/action-error.ts). */
export function useActionErrorText() {
  const { t, locale } = useI18n();
  return useCallback((error: ActionError) => actionErrorText(t, locale, error), [t, locale]);
}
