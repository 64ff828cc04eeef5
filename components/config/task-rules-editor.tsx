"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm, useWatch } from "react-hook-form";
import { inputClass } from "@/components/ui/input-class";
import { saveTaskRules } from "@/lib/actions/config";
import { DUE_KINDS, type TaskRule } from "@/lib/validation/vocabulary";
import { useI18n } from "@/lib/i18n/client";
import { translateMessage } from "@/lib/i18n/config";
import { sectionFormSchemas, type IntegrationConfig, type SectionForm, type SectionFormInput } from "@/lib/validation/config";
import { EditorFooter } from "./editor-footer";
import { useSectionSave } from "./use-section-save";

const RULES: TaskRule[] = ["missed", "otherAnswered", "unknownEmployee"];

/** F23: Ringostat's task rules — who gets a task after a call, when it is due, and no pile-up per client. */
export function TaskRulesEditor({ projectKey, initial, readOnly }: { projectKey: string; initial: IntegrationConfig["taskRules"]; readOnly: boolean }) {
  const { t } = useI18n();
  const form = useForm<SectionFormInput<"taskRules">, unknown, SectionForm<"taskRules">>({ resolver: zodResolver(sectionFormSchemas.taskRules), defaultValues: { value: initial } });
  const { onSubmit, status } = useSectionSave(form, projectKey, saveTaskRules);
  const { errors, isSubmitting, isDirty } = form.formState;
  const values = useWatch({ control: form.control, name: "value" });
  const error = (message: string | undefined, id: string) =>
    message ? (
      <p id={id} role="alert" className="text-xs text-red-700">
        {translateMessage(t, message)}
      </p>
    ) : null;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-labelledby="task-rules-title" data-testid="task-rules">
      <div>
        <h2 id="task-rules-title" className="text-base font-semibold">
          {t("taskRules.title")}
        </h2>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("taskRules.about")}</p>
      </div>
      <fieldset disabled={readOnly} className="space-y-3">
        {RULES.map((rule) => {
          const due = values?.[rule]?.due;
          const dueErrors = errors.value?.[rule]?.due;
          return (
            <fieldset key={rule} className="grid gap-2 rounded-lg border border-slate-200 bg-white p-3 sm:grid-cols-[1fr_auto]" aria-describedby={`task-rule-${rule}-about`}>
              <legend className="sr-only">{t(`taskRules.${rule}`)}</legend>
              <div>
                {rule === "missed" ? (
                  <p className="text-sm font-medium">{t("taskRules.missed")}</p>
                ) : (
                  <label className="flex items-center gap-2 text-sm font-medium">
                    <input type="checkbox" {...form.register(`value.${rule}.enabled`)} />
                    {t(`taskRules.${rule}`)}
                  </label>
                )}
                <p id={`task-rule-${rule}-about`} className="mt-0.5 text-xs text-slate-600">
                  {t(`taskRules.${rule}.about`)}
                </p>
              </div>
              <div className="flex flex-wrap items-end gap-2">
                {/* Labels by id, not wrapping: a wrapped select would be named by its options' text too. */}
                <div className="w-60 text-xs text-slate-600">
                  <label htmlFor={`task-rule-${rule}-kind`}>{t("taskRules.due")}</label>
                  <select id={`task-rule-${rule}-kind`} className={`${inputClass} mt-0.5 block`} {...form.register(`value.${rule}.due.kind`)}>
                    {DUE_KINDS.map((kind) => (
                      <option key={kind} value={kind}>
                        {t(`taskRules.due.${kind}`)}
                      </option>
                    ))}
                  </select>
                </div>
                {due?.kind !== "businessDayEnd" ? (
                  <div className="w-24 text-xs text-slate-600">
                    <label htmlFor={`task-rule-${rule}-amount`}>{t(due?.kind === "minutes" ? "taskRules.amount.minutes" : "taskRules.amount.hours")}</label>
                    <input
                      id={`task-rule-${rule}-amount`}
                      type="number"
                      min={0}
                      inputMode="numeric"
                      className={`${inputClass} mt-0.5 block`}
                      aria-invalid={dueErrors?.amount ? true : undefined}
                      aria-describedby={dueErrors?.amount ? `task-rule-${rule}-amount-error` : undefined}
                      {...form.register(`value.${rule}.due.amount`, { valueAsNumber: true })}
                    />
                  </div>
                ) : null}
                {error(dueErrors?.amount?.message ?? dueErrors?.kind?.message, `task-rule-${rule}-amount-error`)}
              </div>
            </fieldset>
          );
        })}
        <div className="flex flex-wrap items-end gap-6">
          <div className="w-72 text-sm">
            <label htmlFor="task-rules-day-end">{t("taskRules.businessDayEnd")}</label>
            <input
              id="task-rules-day-end"
              type="time"
              className={`${inputClass} mt-0.5 block max-w-36`}
              aria-invalid={errors.value?.businessDayEnd ? true : undefined}
              aria-describedby={errors.value?.businessDayEnd ? "task-rules-day-end-error" : undefined}
              {...form.register("value.businessDayEnd")}
            />
          </div>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" {...form.register("value.onePerClient")} />
            {t("taskRules.onePerClient")}
          </label>
        </div>
        {error(errors.value?.businessDayEnd?.message, "task-rules-day-end-error")}
      </fieldset>
      <EditorFooter status={status} readOnly={readOnly} submitting={isSubmitting} dirty={isDirty} />
    </form>
  );
}
