"use client";

import { useState } from "react";
import type { FieldValues, Path, UseFormReturn } from "react-hook-form";
import type { ActionResult } from "@/lib/actions/safe-action";
import { useI18n } from "@/lib/i18n/client";
import { translateMessage } from "@/lib/i18n/config";

export type SaveStatus = { tone: "success" | "error"; text: string } | null;

/**
 * Submits an editor's form through its server action; the server's field errors (zod or CRM checks)
 * land next to their fields exactly like the browser's own.
 */
export function useSectionSave<TInput extends FieldValues, TOutput extends FieldValues>(
  form: UseFormReturn<TInput, unknown, TOutput>,
  projectKey: string,
  save: (projectKey: string, values: TOutput) => Promise<ActionResult<unknown>>,
) {
  const { t } = useI18n();
  const [status, setStatus] = useState<SaveStatus>(null);
  const onSubmit = form.handleSubmit(async (values) => {
    setStatus(null);
    const result = await save(projectKey, values);
    if (result.ok) {
      form.reset(result.data as TInput);
      setStatus({ tone: "success", text: t("config.saved") });
      return;
    }
    for (const [path, message] of Object.entries(result.error.fieldErrors ?? {})) form.setError(path as Path<TInput>, { message });
    setStatus({ tone: "error", text: result.error.code === "FORBIDDEN" ? t("error.forbidden") : (translateMessage(t, result.error.message) ?? t("error.generic")) });
  }, () => setStatus({ tone: "error", text: t("validation.invalid") }));
  return { onSubmit, status };
}
