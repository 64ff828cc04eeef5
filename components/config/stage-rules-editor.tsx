"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { Controller, useFieldArray, useForm, useWatch } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { inputClass } from "@/components/ui/input-class";
import { saveStageRules } from "@/lib/actions/config";
import { PLATFORM_VARIABLES, STAGE_RULE_OPERATORS } from "@/lib/validation/vocabulary";
import { pickStage } from "@/lib/engine/stage-rules";
import { useI18n } from "@/lib/i18n/client";
import { translateKnown, translateMessage } from "@/lib/i18n/config";
import { sectionFormSchemas, stageRuleSchema, type SectionForm, type StageRule } from "@/lib/validation/config";
import { CrmMetadataStatus } from "./crm-metadata-status";
import { EditorFooter, ReadOnlyNotice } from "./editor-footer";
import { useCrmMetadata } from "./use-crm-metadata";
import { useSectionSave } from "./use-section-save";

/** "name=value" per line, as the preview's sample event. */
function sampleVariables(text: string): Record<string, string> {
  return Object.fromEntries(
    text
      .split(/\r?\n/)
      .map((line) => line.split("="))
      .filter((parts) => parts.length >= 2 && parts[0]!.trim())
      .map(([name, ...value]) => [name!.trim(), value.join("=").trim()]),
  );
}

export function StageRulesEditor({ projectKey, initial, readOnly }: { projectKey: string; initial: StageRule[]; readOnly: boolean }) {
  const { t } = useI18n();
  const metadata = useCrmMetadata(projectKey);
  const pipelines = metadata.data?.connected ? metadata.data.pipelines : [];
  const form = useForm<SectionForm<"stageRules">>({ resolver: zodResolver(sectionFormSchemas.stageRules), defaultValues: { value: initial } });
  const rows = useFieldArray({ control: form.control, name: "value" });
  const values = useWatch({ control: form.control, name: "value" }) ?? [];
  const { onSubmit, status } = useSectionSave(form, projectKey, saveStageRules);
  const { errors, isSubmitting, isDirty } = form.formState;
  const [sample, setSample] = useState("pool=");
  const error = (index: number, key: keyof StageRule) => translateMessage(t, errors.value?.[index]?.[key]?.message);

  const complete = values.filter((rule) => stageRuleSchema.safeParse(rule).success) as StageRule[];
  const choice = pickStage(complete, sampleVariables(sample), pipelines);
  const pipelineOf = (id: string) => pipelines.find((pipeline) => pipeline.id === id);
  const describe = (pipelineId: string, stageId: string) => `${pipelineOf(pipelineId)?.name ?? pipelineId} / ${pipelineOf(pipelineId)?.stages.find((stage) => stage.id === stageId)?.name ?? stageId}`;

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label={t("nav.stageRules")}>
      <ReadOnlyNotice readOnly={readOnly} />
      <CrmMetadataStatus metadata={metadata} />
      <datalist id="stage-variables">
        {PLATFORM_VARIABLES.call.map((variable) => (
          <option key={variable} value={variable} label={translateKnown(t, `variable.${variable}`, variable)} />
        ))}
      </datalist>
      {rows.fields.length === 0 ? <p className="text-sm text-slate-500">{t("stageRules.empty")}</p> : null}
      <ol className="space-y-3">
        {rows.fields.map((row, index) => {
          const pipeline = pipelineOf(values[index]?.pipelineId ?? "");
          return (
            <li key={row.id} className="space-y-2 rounded-lg border border-slate-200 bg-white p-3" data-testid="stage-rule">
              <div className="flex items-center justify-between">
                <span className="text-sm font-semibold">{t("stageRules.rule", { index: index + 1 })}</span>
                {readOnly ? null : (
                  <div className="flex gap-1">
                    <Button type="button" variant="ghost" aria-label={t("stageRules.up", { index: index + 1 })} disabled={index === 0} onClick={() => rows.move(index, index - 1)}>
                      ↑
                    </Button>
                    <Button type="button" variant="ghost" aria-label={t("stageRules.down", { index: index + 1 })} disabled={index === rows.fields.length - 1} onClick={() => rows.move(index, index + 1)}>
                      ↓
                    </Button>
                    <Button type="button" variant="ghost" aria-label={t("stageRules.remove", { index: index + 1 })} onClick={() => rows.remove(index)}>
                      {t("stopList.removeButton")}
                    </Button>
                  </div>
                )}
              </div>
              <fieldset disabled={readOnly} className="grid gap-2 md:grid-cols-5">
                <label className="text-sm">
                  <span className="mb-1 block text-slate-700">{t("stageRules.pipeline")}</span>
                  {/* Controlled, so the saved choice shows once the CRM's pipelines arrive and follows its rule when rules move. */}
                  <Controller
                    control={form.control}
                    name={`value.${index}.pipelineId`}
                    render={({ field }) => (
                      <select
                        className={inputClass}
                        name={field.name}
                        value={field.value}
                        onBlur={field.onBlur}
                        onChange={(event) => {
                          field.onChange(event.target.value);
                          form.setValue(`value.${index}.stageId`, "", { shouldDirty: true });
                        }}
                      >
                        <option value="">{t("stageRules.choose")}</option>
                        {field.value && !pipelines.some((option) => option.id === field.value) ? <option value={field.value}>{metadata.data ? field.value : t("stageRules.loading")}</option> : null}
                        {pipelines.map((option) => (
                          <option key={option.id} value={option.id}>
                            {option.name}
                          </option>
                        ))}
                      </select>
                    )}
                  />
                  {error(index, "pipelineId") ? <span className="text-xs text-red-700">{error(index, "pipelineId")}</span> : null}
                </label>
                <label className="text-sm">
                  <span className="mb-1 block text-slate-700">{t("stageRules.stage")}</span>
                  <Controller
                    control={form.control}
                    name={`value.${index}.stageId`}
                    render={({ field }) => (
                      <select className={inputClass} name={field.name} value={field.value} onBlur={field.onBlur} onChange={(event) => field.onChange(event.target.value)}>
                        <option value="">{t("stageRules.choose")}</option>
                        {field.value && !(pipeline?.stages ?? []).some((stage) => stage.id === field.value) ? <option value={field.value}>{metadata.data ? field.value : t("stageRules.loading")}</option> : null}
                        {(pipeline?.stages ?? []).map((stage) => (
                          <option key={stage.id} value={stage.id}>
                            {stage.name}
                          </option>
                        ))}
                      </select>
                    )}
                  />
                  {error(index, "stageId") ? <span className="text-xs text-red-700">{error(index, "stageId")}</span> : null}
                </label>
                <label className="text-sm">
                  <span className="mb-1 block text-slate-700">{t("stageRules.variable")}</span>
                  <input list="stage-variables" className={inputClass} {...form.register(`value.${index}.variable`)} />
                  {error(index, "variable") ? <span className="text-xs text-red-700">{error(index, "variable")}</span> : null}
                </label>
                <label className="text-sm">
                  <span className="mb-1 block text-slate-700">{t("stageRules.operator")}</span>
                  <select className={inputClass} {...form.register(`value.${index}.operator`)}>
                    {STAGE_RULE_OPERATORS.map((operator) => (
                      <option key={operator} value={operator}>
                        {t(`operator.${operator}`)}
                      </option>
                    ))}
                  </select>
                </label>
                <label className="text-sm">
                  <span className="mb-1 block text-slate-700">{t("stageRules.value")}</span>
                  <input className={inputClass} {...form.register(`value.${index}.value`)} />
                </label>
              </fieldset>
            </li>
          );
        })}
      </ol>
      {readOnly ? null : (
        <Button type="button" variant="secondary" onClick={() => rows.append({ id: crypto.randomUUID(), pipelineId: "", stageId: "", variable: "pool", operator: "equals", value: "" })}>
          {t("stageRules.add")}
        </Button>
      )}
      <section className="space-y-2 rounded-lg border border-slate-200 bg-slate-50 p-4" aria-labelledby="preview-title">
        <h2 id="preview-title" className="text-sm font-semibold">
          {t("stageRules.preview")}
        </h2>
        <Field id="sample" label={t("stageRules.sample")} hint={t("stageRules.sample.hint")}>
          <textarea id="sample" rows={3} className={`${inputClass} font-mono`} value={sample} onChange={(event) => setSample(event.target.value)} />
        </Field>
        <p className="text-sm" data-testid="stage-preview" role="status">
          {choice
            ? choice.ruleIndex === null
              ? t("stageRules.preview.default", { stage: describe(choice.pipelineId, choice.stageId) })
              : t("stageRules.preview.rule", { stage: describe(choice.pipelineId, choice.stageId), index: choice.ruleIndex + 1 })
            : t("stageRules.preview.none")}
        </p>
      </section>
      <EditorFooter status={status} readOnly={readOnly} submitting={isSubmitting} dirty={isDirty} />
    </form>
  );
}
