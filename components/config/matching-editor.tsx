"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import { saveMatching } from "@/lib/actions/config";
import { CONTACT_POLICIES, DEAL_POLICIES } from "@/lib/validation/vocabulary";
import { useI18n } from "@/lib/i18n/client";
import { translateMessage } from "@/lib/i18n/config";
import { sectionFormSchemas, type IntegrationConfig, type SectionForm, type SectionFormInput } from "@/lib/validation/config";
import { EditorFooter } from "./editor-footer";
import { useSectionSave } from "./use-section-save";

/** F22, several matches: which open deal, and which contact, a caller's events go to. */
export function MatchingEditor({ projectKey, initial, readOnly }: { projectKey: string; initial: IntegrationConfig["matching"]; readOnly: boolean }) {
  const { t } = useI18n();
  const form = useForm<SectionFormInput<"matching">, unknown, SectionForm<"matching">>({ resolver: zodResolver(sectionFormSchemas.matching), defaultValues: { value: initial } });
  const { onSubmit, status } = useSectionSave(form, projectKey, saveMatching);
  const { errors, isSubmitting, isDirty } = form.formState;
  const groups = [
    { name: "deals", options: DEAL_POLICIES },
    { name: "contacts", options: CONTACT_POLICIES },
  ] as const;
  return (
    <form onSubmit={onSubmit} noValidate className="max-w-2xl space-y-4" aria-labelledby="matching-title">
      <div>
        <h2 id="matching-title" className="text-base font-semibold">
          {t("matching.title")}
        </h2>
        <p className="mt-1 text-sm text-slate-600">{t("matching.about")}</p>
      </div>
      {/* The page's read-only notice is the stage rules editor's, above: one is enough. */}
      <fieldset disabled={readOnly} className="grid gap-4 sm:grid-cols-2">
        {groups.map(({ name, options }) => (
          <fieldset key={name} className="space-y-1" aria-describedby={errors.value?.[name] ? `matching-${name}-error` : undefined}>
            <legend className="mb-1 text-sm font-medium">{t(`matching.${name}`)}</legend>
            {options.map((option) => (
              <label key={option} className="flex items-start gap-2 text-sm">
                <input type="radio" className="mt-0.5" value={option} {...form.register(`value.${name}`)} />
                <span>{t(`matching.${name}.${option}` as `matching.deals.${(typeof DEAL_POLICIES)[number]}` | `matching.contacts.${(typeof CONTACT_POLICIES)[number]}`)}</span>
              </label>
            ))}
            {errors.value?.[name]?.message ? (
              <p id={`matching-${name}-error`} role="alert" className="text-xs text-red-700">
                {translateMessage(t, errors.value[name]!.message)}
              </p>
            ) : null}
          </fieldset>
        ))}
      </fieldset>
      <EditorFooter status={status} readOnly={readOnly} submitting={isSubmitting} dirty={isDirty} />
    </form>
  );
}
