"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { inputClass } from "@/components/ui/input-class";
import { saveDefaultFields } from "@/lib/actions/config";
import { DEFAULT_PARAMETERS, type DefaultParameter, type MappedEntity } from "@/lib/validation/vocabulary";
import { useI18n } from "@/lib/i18n/client";
import { translateMessage } from "@/lib/i18n/config";
import { sectionFormSchemas, type DefaultFields, type SectionForm, type SectionFormInput } from "@/lib/validation/config";
import { CrmFieldOptions, mappableFields } from "./crm-field-options";
import { CrmMetadataStatus } from "./crm-metadata-status";
import { EditorFooter, ReadOnlyNotice } from "./editor-footer";
import { EntityTabs } from "./entity-tabs";
import { useCrmMetadata } from "./use-crm-metadata";
import { useSectionSave } from "./use-section-save";

const PARAMETERS = Object.keys(DEFAULT_PARAMETERS) as DefaultParameter[];

/** F3: per entity, the CRM text field each UTM tag and the client id always go to. */
export function DefaultFieldsEditor({ projectKey, initial, readOnly }: { projectKey: string; initial: DefaultFields; readOnly: boolean }) {
  const { t } = useI18n();
  const [entity, setEntity] = useState<MappedEntity>("contact");
  const metadata = useCrmMetadata(projectKey);
  const form = useForm<SectionFormInput<"defaultFields">, unknown, SectionForm<"defaultFields">>({ resolver: zodResolver(sectionFormSchemas.defaultFields), defaultValues: { value: initial } });
  const { onSubmit, status } = useSectionSave(form, projectKey, saveDefaultFields);
  const { errors, isSubmitting, isDirty } = form.formState;
  const chosen = useWatch({ control: form.control, name: `value.${entity}` });
  // Offered like the mapping tabs' fields: custom text fields only.
  const options = mappableFields(metadata.data?.connected ? metadata.data.fields[entity] : []);

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label={t("nav.defaultFields")}>
      <ReadOnlyNotice readOnly={readOnly} />
      <CrmMetadataStatus metadata={metadata} />
      <EntityTabs entity={entity} onChange={setEntity} panelClassName="max-w-2xl space-y-3">
        {PARAMETERS.map((parameter) => {
          const id = `default-${entity}-${parameter}`;
          const error = translateMessage(t, errors.value?.[entity]?.[parameter]?.message);
          const current = chosen?.[parameter] ?? "";
          return (
            <div key={id} className="grid items-center gap-1 sm:grid-cols-[12rem_1fr] sm:gap-3" data-testid="default-field-row">
              <label htmlFor={id} className="text-sm font-medium text-slate-700">
                {t(`defaultFields.parameter.${parameter}`)}
              </label>
              <div>
                {/* Controlled: the CRM's fields arrive after the stored value, and an uncontrolled select would fall back to "Not sent" when they replace the placeholder option. */}
                <select id={id} className={inputClass} disabled={readOnly} aria-invalid={Boolean(error)} {...form.register(`value.${entity}.${parameter}`)} value={current}>
                  <CrmFieldOptions current={current} options={options} emptyLabel={t("defaultFields.notSent")} />
                </select>
                {error ? <p className="mt-1 text-xs text-red-700">{error}</p> : null}
              </div>
            </div>
          );
        })}
      </EntityTabs>
      <EditorFooter status={status} readOnly={readOnly} submitting={isSubmitting} dirty={isDirty} />
    </form>
  );
}
