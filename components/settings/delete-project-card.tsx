"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { inputClass } from "@/components/ui/input-class";
import { Notice } from "@/components/ui/notice";
import { deleteProjectAction } from "@/lib/actions/project-settings";
import { useActionErrorText, useI18n } from "@/lib/i18n/client";

/** OWNERs delete the project here: the key typed again is the confirmation, checked again on the server. */
export function DeleteProjectCard({ projectKey }: { projectKey: string }) {
  const { t } = useI18n();
  const errorText = useActionErrorText();
  const [typed, setTyped] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const router = useRouter();
  const remove = () =>
    startTransition(async () => {
      setError(null);
      const result = await deleteProjectAction(projectKey, { confirm: typed });
      if (result.ok) router.push("/");
      else setError(result.error.fieldErrors?.confirm ?? errorText(result.error));
    });
  return (
    <section className="max-w-xl space-y-3 rounded-lg border border-red-200 bg-white p-5" aria-labelledby="delete-project-title">
      <h2 id="delete-project-title" className="text-base font-semibold text-red-800">
        {t("settings.delete.title")}
      </h2>
      <p className="text-sm text-slate-600">{t("settings.delete.about")}</p>
      {error ? <Notice tone="error">{error}</Notice> : null}
      <form
        className="space-y-3"
        onSubmit={(event) => {
          event.preventDefault();
          remove();
        }}
      >
        <Field id="confirmKey" label={`${t("settings.delete.typeKey")} ${projectKey}`}>
          <input id="confirmKey" autoComplete="off" className={inputClass} value={typed} onChange={(event) => setTyped(event.target.value)} />
        </Field>
        <Button type="submit" variant="danger" disabled={pending || typed.trim() !== projectKey}>
          {pending ? t("settings.delete.deleting") : t("settings.delete.button")}
        </Button>
      </form>
    </section>
  );
}
