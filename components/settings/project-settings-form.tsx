"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { inputClass } from "@/components/ui/input-class";
import { Notice } from "@/components/ui/notice";
import { UnsavedChangesGuard } from "@/components/ui/unsaved-changes-guard";
import { saveProjectSettings } from "@/lib/actions/project-settings";
import type { ActionResult } from "@/lib/actions/safe-action";
import { useActionErrorText, useI18n } from "@/lib/i18n/client";
import { CRM_LANGUAGES } from "@/lib/i18n/crm-languages";
import { projectSettingsSchema, type ProjectSettings, type ProjectSettingsInput } from "@/lib/validation/project";

export function ProjectSettingsForm({ projectKey, initial, timeZones, readOnly }: { projectKey: string; initial: ProjectSettings; timeZones: string[]; readOnly: boolean }) {
  const { t } = useI18n();
  return (
    <ProjectForm
      label={t("settings.title")}
      initial={initial}
      timeZones={timeZones}
      readOnly={readOnly}
      submit={{ idle: t("settings.save"), busy: t("settings.saving"), done: t("settings.saved") }}
      save={(values) => saveProjectSettings(projectKey, values)}
    />
  );
}

/** A project's name, time zone and default country: its settings, or a new project (one schema for both and the CLI). */
export function ProjectForm<T>({
  label,
  initial,
  timeZones,
  readOnly = false,
  submit,
  save,
  onSaved,
}: {
  label: string;
  initial: ProjectSettings;
  timeZones: string[];
  readOnly?: boolean;
  submit: { idle: string; busy: string; done: string | null };
  save: (values: ProjectSettings) => Promise<ActionResult<T>>;
  onSaved?: (data: T) => void;
}) {
  const { t } = useI18n();
  const errorText = useActionErrorText();
  const [status, setStatus] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const form = useForm<ProjectSettingsInput, unknown, ProjectSettings>({ resolver: zodResolver(projectSettingsSchema), defaultValues: initial });
  const { errors, isSubmitting, isDirty } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setStatus(null);
    const result = await save(values);
    if (result.ok) {
      form.reset(values);
      if (submit.done) setStatus({ tone: "success", text: submit.done });
      onSaved?.(result.data);
      return;
    }
    // Server-side field errors land next to their fields, exactly as client-side ones do.
    for (const [field, message] of Object.entries(result.error.fieldErrors ?? {})) {
      form.setError(field as keyof ProjectSettings, { message });
    }
    setStatus({ tone: "error", text: errorText(result.error) });
  });

  const describedBy = (field: keyof ProjectSettings, hint = false) => (errors[field] ? `${field}-error` : hint ? `${field}-hint` : undefined);

  return (
    <form onSubmit={onSubmit} noValidate className="max-w-xl space-y-4" aria-label={label}>
      {readOnly ? <Notice tone="info">{t("settings.readOnly")}</Notice> : null}
      {status ? (
        <Notice tone={status.tone} testId="settings-status">
          {status.text}
        </Notice>
      ) : null}
      <fieldset disabled={readOnly || isSubmitting} className="space-y-4">
        <Field id="name" label={t("settings.name")} error={errors.name?.message}>
          <input id="name" className={inputClass} aria-invalid={Boolean(errors.name)} aria-describedby={describedBy("name")} {...form.register("name")} />
        </Field>
        <Field id="timezone" label={t("settings.timezone")} error={errors.timezone?.message}>
          <select id="timezone" className={inputClass} aria-invalid={Boolean(errors.timezone)} aria-describedby={describedBy("timezone")} {...form.register("timezone")}>
            {timeZones.map((zone) => (
              <option key={zone} value={zone}>
                {zone}
              </option>
            ))}
          </select>
        </Field>
        <Field id="defaultCountry" label={t("settings.country")} hint={t("settings.country.hint")} error={errors.defaultCountry?.message}>
          <input
            id="defaultCountry"
            className={`${inputClass} max-w-24 uppercase`}
            maxLength={2}
            aria-invalid={Boolean(errors.defaultCountry)}
            aria-describedby={describedBy("defaultCountry", true)}
            {...form.register("defaultCountry")}
          />
        </Field>
        <Field id="crmLanguage" label={t("settings.crmLanguage")} hint={t("settings.crmLanguage.hint")} error={errors.crmLanguage?.message}>
          <select id="crmLanguage" className={inputClass} aria-describedby={describedBy("crmLanguage", true)} {...form.register("crmLanguage")}>
            {CRM_LANGUAGES.map((language) => (
              <option key={language} value={language}>
                {t(`lang.${language}`)}
              </option>
            ))}
          </select>
        </Field>
        {readOnly ? null : <UnsavedChangesGuard dirty={isDirty && !isSubmitting} />}
        {readOnly ? null : (
          <Button type="submit" disabled={isSubmitting || (!isDirty && submit.done !== null)}>
            {isSubmitting ? submit.busy : submit.idle}
          </Button>
        )}
      </fieldset>
    </form>
  );
}
