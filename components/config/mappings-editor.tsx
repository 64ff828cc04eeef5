"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { Controller, useFieldArray, useForm, useWatch, type Control, type FieldErrors } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/input-class";
import { saveMappings } from "@/lib/actions/config";
import type { CrmField } from "@/lib/connectors/types";
import { CHANNELS, MAPPED_ENTITIES, PLATFORM_VARIABLES, type Channel, type MappedEntity } from "@/lib/validation/vocabulary";
import { useI18n } from "@/lib/i18n/client";
import { translateKnown, translateMessage } from "@/lib/i18n/config";
import { sectionFormSchemas, type Mappings, type SectionForm } from "@/lib/validation/config";
import { CrmFieldOptions, mappableFields } from "./crm-field-options";
import { CrmMetadataStatus } from "./crm-metadata-status";
import { EditorFooter, ReadOnlyNotice } from "./editor-footer";
import { Tabs } from "@/components/ui/tabs";
import { EntityTabs } from "./entity-tabs";
import { useCrmMetadata } from "./use-crm-metadata";
import { useSectionSave } from "./use-section-save";

type Form = SectionForm<"mappings">;

export function MappingsEditor({ projectKey, initial, readOnly }: { projectKey: string; initial: Mappings; readOnly: boolean }) {
  const { t } = useI18n();
  const [channel, setChannel] = useState<Channel>("call");
  const [entity, setEntity] = useState<MappedEntity>("contact");
  const metadata = useCrmMetadata(projectKey);
  const form = useForm<Form>({ resolver: zodResolver(sectionFormSchemas.mappings), defaultValues: { value: initial } });
  const { onSubmit, status } = useSectionSave(form, projectKey, saveMappings);
  const { errors, isSubmitting, isDirty } = form.formState;
  const fields = metadata.data?.connected ? metadata.data.fields[entity] : [];
  const values = useWatch({ control: form.control, name: "value" });
  /** Rows with a problem in a tab: the tabs say so, so that an error in a tab not shown is found. */
  const rowErrors = (inChannel: Channel, inEntity: MappedEntity) => {
    const tab = form.formState.errors.value?.[inChannel]?.[inEntity] as unknown;
    return tab && typeof tab === "object" ? Object.keys(tab).filter((key) => /^\d+$/.test(key)).length || 1 : 0;
  };
  const channelErrors = (inChannel: Channel) => MAPPED_ENTITIES.reduce((sum, name) => sum + rowErrors(inChannel, name), 0);
  // A refused save whose problems are all in other tabs opens the first tab that has one.
  const submit = async (event: React.FormEvent<HTMLFormElement>) => {
    await onSubmit(event);
    if (rowErrors(channel, entity)) return;
    for (const inChannel of CHANNELS)
      for (const inEntity of MAPPED_ENTITIES)
        if (rowErrors(inChannel, inEntity)) {
          setChannel(inChannel);
          setEntity(inEntity);
          return;
        }
  };

  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-label={t("nav.mappings")}>
      <ReadOnlyNotice readOnly={readOnly} />
      <CrmMetadataStatus metadata={metadata} />
      <Tabs
        label={t("mappings.channel")}
        look="pill"
        value={channel}
        onChange={setChannel}
        items={CHANNELS.map((name) => ({ value: name, label: t(`channel.${name}`), errors: channelErrors(name), errorsLabel: t("mappings.tabErrors", { count: channelErrors(name) }) }))}
      >
        <EntityTabs entity={entity} onChange={setEntity} suffix={(name) => ` (${values?.[channel]?.[name]?.length ?? 0})`} errors={(name) => rowErrors(channel, name)}>
          <MappingTab key={`${channel}.${entity}`} control={form.control} channel={channel} entity={entity} fields={fields} errors={errors} readOnly={readOnly} />
        </EntityTabs>
      </Tabs>
      <EditorFooter status={status} readOnly={readOnly} submitting={isSubmitting} dirty={isDirty} />
    </form>
  );
}

function MappingTab(props: { control: Control<Form>; channel: Channel; entity: MappedEntity; fields: CrmField[]; errors: FieldErrors<Form>; readOnly: boolean }) {
  const { t } = useI18n();
  const name = `value.${props.channel}.${props.entity}` as const;
  const rows = useFieldArray({ control: props.control, name });
  const options = mappableFields(props.fields);
  const rowErrors = props.errors.value?.[props.channel]?.[props.entity];
  return (
    <div className="space-y-3">
      {rows.fields.length === 0 ? <p className="text-sm text-slate-500">{t("mappings.empty")}</p> : null}
      {rows.fields.map((row, index) => {
        const fieldError = translateMessage(t, rowErrors?.[index]?.field?.message);
        const sourceError = rowErrors?.[index]?.source as { message?: string; name?: { message?: string }; names?: { message?: string }; value?: { message?: string } } | undefined;
        const sourceMessage = translateMessage(t, sourceError?.message ?? sourceError?.name?.message ?? sourceError?.names?.message ?? sourceError?.value?.message);
        return (
          <div key={row.id} className="grid items-start gap-2 rounded-lg border border-slate-200 bg-white p-3 md:grid-cols-[1fr_auto_13rem_1fr_auto]" data-testid="mapping-row">
            <Controller
              control={props.control}
              name={`${name}.${index}.field`}
              render={({ field }) => (
                <div>
                  <select aria-label={t("mappings.crmField")} className={inputClass} disabled={props.readOnly} aria-invalid={Boolean(fieldError)} value={field.value} onChange={field.onChange}>
                    <CrmFieldOptions current={field.value} options={options} emptyLabel={t("mappings.chooseField")} />
                  </select>
                  {fieldError ? <p className="mt-1 text-xs text-red-700">{fieldError}</p> : null}
                </div>
              )}
            />
            <span className="self-center text-slate-400" aria-hidden>
              ←
            </span>
            <Controller
              control={props.control}
              name={`${name}.${index}.source`}
              render={({ field }) => (
                <>
                  <select
                    aria-label={t("mappings.sourceType")}
                    className={inputClass}
                    disabled={props.readOnly}
                    value={field.value.type}
                    onChange={(event) => {
                      const type = event.target.value;
                      field.onChange(type === "variable" ? { type, name: "" } : type === "form_field" ? { type, names: [] } : { type: "constant", value: "" });
                    }}
                  >
                    <option value="variable">{t("mappings.type.variable")}</option>
                    <option value="form_field">{t("mappings.type.form_field")}</option>
                    <option value="constant">{t("mappings.type.constant")}</option>
                  </select>
                  <div>
                    {field.value.type === "variable" ? (
                      <select aria-label={t("mappings.value")} className={inputClass} disabled={props.readOnly} value={field.value.name} onChange={(event) => field.onChange({ type: "variable", name: event.target.value })}>
                        <option value="">{t("mappings.chooseVariable")}</option>
                        {PLATFORM_VARIABLES[props.channel].map((variable) => (
                          <option key={variable} value={variable}>
                            {translateKnown(t, `variable.${variable}`, variable)}
                          </option>
                        ))}
                      </select>
                    ) : field.value.type === "form_field" ? (
                      <input
                        aria-label={t("mappings.value")}
                        placeholder={t("mappings.formFields.placeholder")}
                        className={inputClass}
                        disabled={props.readOnly}
                        defaultValue={field.value.names.join(", ")}
                        // Taken as typed, not on leaving the box: Enter saves what the box shows.
                        onChange={(event) => field.onChange({ type: "form_field", names: event.target.value.split(",").map((part) => part.trim()).filter(Boolean) })}
                      />
                    ) : (
                      <input aria-label={t("mappings.value")} className={inputClass} disabled={props.readOnly} value={field.value.value} onChange={(event) => field.onChange({ type: "constant", value: event.target.value })} />
                    )}
                    {sourceMessage ? <p className="mt-1 text-xs text-red-700">{sourceMessage}</p> : null}
                  </div>
                </>
              )}
            />
            {props.readOnly ? null : (
              <Button type="button" variant="ghost" aria-label={t("mappings.removeRow", { index: index + 1 })} onClick={() => rows.remove(index)}>
                {t("stopList.removeButton")}
              </Button>
            )}
          </div>
        );
      })}
      {props.readOnly ? null : (
        <Button type="button" variant="secondary" onClick={() => rows.append({ field: "", source: { type: "variable", name: "" } })}>
          {t("mappings.addRow")}
        </Button>
      )}
    </div>
  );
}
