"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { Controller, useForm } from "react-hook-form";
import { Field } from "@/components/ui/field";
import { inputClass } from "@/components/ui/input-class";
import { saveForms } from "@/lib/actions/config";
import { useI18n } from "@/lib/i18n/client";
import { sectionFormSchemas, type IntegrationConfig, type SectionForm, type SectionFormInput } from "@/lib/validation/config";
import { EditorFooter, ReadOnlyNotice } from "./editor-footer";
import { useSectionSave } from "./use-section-save";

/** Field names are typed comma-separated and kept as a list, as typed (Enter saves what the box shows). */
const split = (text: string) =>
  text
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);

export function FormsEditor({ projectKey, initial, readOnly }: { projectKey: string; initial: IntegrationConfig["forms"]; readOnly: boolean }) {
  const { t } = useI18n();
  const form = useForm<SectionFormInput<"forms">, unknown, SectionForm<"forms">>({ resolver: zodResolver(sectionFormSchemas.forms), defaultValues: { value: initial } });
  const { onSubmit, status } = useSectionSave(form, projectKey, saveForms);
  const { errors, isSubmitting, isDirty } = form.formState;
  return (
    <form onSubmit={onSubmit} noValidate className="max-w-xl space-y-4" aria-label={t("nav.forms")}>
      <ReadOnlyNotice readOnly={readOnly} />
      <fieldset disabled={readOnly} className="space-y-4">
        {(["phoneFields", "emailFields", "nameFields"] as const).map((name) => (
          <Controller
            key={name}
            control={form.control}
            name={`value.${name}`}
            render={({ field }) => (
              <Field id={name} label={t(`forms.${name}`)} hint={t(`forms.${name}.hint`)} error={errors.value?.[name]?.message}>
                <input id={name} className={inputClass} defaultValue={(field.value as string[]).join(", ")} onChange={(event) => field.onChange(split(event.target.value))} aria-invalid={Boolean(errors.value?.[name])} />
              </Field>
            )}
          />
        ))}
      </fieldset>
      <EditorFooter status={status} readOnly={readOnly} submitting={isSubmitting} dirty={isDirty} />
    </form>
  );
}
