"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import { saveMatrix } from "@/lib/actions/config";
import { CALL_PHASES, isCallTrigger, type MatrixEntity } from "@/lib/validation/vocabulary";
import { useI18n } from "@/lib/i18n/client";
import { translateMessage } from "@/lib/i18n/config";
import { sectionFormSchemas, type Matrix, type SectionForm, type SectionFormInput } from "@/lib/validation/config";
import { EditorFooter, ReadOnlyNotice } from "./editor-footer";
import { useSectionSave } from "./use-section-save";

export function MatrixEditor({ projectKey, initial, entities, readOnly }: { projectKey: string; initial: Matrix; entities: readonly MatrixEntity[]; readOnly: boolean }) {
  const { t } = useI18n();
  const form = useForm<SectionFormInput<"matrix">, unknown, SectionForm<"matrix">>({ resolver: zodResolver(sectionFormSchemas.matrix), defaultValues: { value: initial } });
  const { onSubmit, status } = useSectionSave(form, projectKey, saveMatrix);
  const { errors, isSubmitting, isDirty } = form.formState;

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label={t("nav.matrix")}>
      <ReadOnlyNotice readOnly={readOnly} />
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full text-left text-sm">
          <thead className="bg-slate-50 text-xs uppercase text-slate-500">
            <tr>
              {/* The trigger column stays in view while the row is scrolled sideways (narrow screens). */}
              <th className="sticky left-0 z-10 bg-slate-50 px-3 py-2">
                {t("matrix.trigger")} · {t("matrix.when")}
              </th>
              {entities.map((entity) => (
                <th key={entity} className="px-2 py-2">
                  {t(`entity.${entity}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {initial.map(({ trigger }, index) => (
              <tr key={trigger}>
                <th scope="row" className="sticky left-0 z-10 min-w-[10rem] max-w-[14rem] bg-white px-3 py-2 font-medium">
                  {t(`trigger.${trigger}`)}
                  {/* When the row is written sits with its trigger: one column fewer, so every entity fits at 1440 px in uk and pl. */}
                  {/* F19: only calls have phases; forms and chats are written when they arrive. */}
                  {isCallTrigger(trigger) ? (
                    <select
                      aria-label={`${t(`trigger.${trigger}`)} — ${t("matrix.when")}`}
                      disabled={readOnly}
                      className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-xs font-normal"
                      {...form.register(`value.${index}.when`)}
                    >
                      {CALL_PHASES.map((phase) => (
                        <option key={phase} value={phase}>
                          {t(`matrix.when.${phase}`)}
                        </option>
                      ))}
                    </select>
                  ) : (
                    <span className="mt-1 block text-xs font-normal text-slate-500">{t("matrix.when.onArrival")}</span>
                  )}
                  {errors.value?.[index]?.when?.message ? <p className="mt-1 text-xs text-red-700">{translateMessage(t, errors.value[index].when.message)}</p> : null}
                </th>
                {entities.map((entity) => {
                  const error = errors.value?.[index]?.[entity]?.message;
                  const id = `matrix-${trigger}-${entity}`;
                  return (
                    <td key={entity} className="px-2 py-2">
                      <select
                        id={id}
                        aria-label={`${t(`trigger.${trigger}`)} — ${t(`entity.${entity}`)}`}
                        disabled={readOnly}
                        aria-invalid={Boolean(error)}
                        className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm aria-[invalid=true]:border-red-500"
                        {...form.register(`value.${index}.${entity}`)}
                      >
                        <option value="create">{t("action.create")}</option>
                        {entity === "task" ? null : <option value="update">{t("action.update")}</option>}
                        <option value="none">{t("action.none")}</option>
                      </select>
                      {error ? <p className="mt-1 text-xs text-red-700">{translateMessage(t, error)}</p> : null}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="text-xs text-slate-500">{t("matrix.legend")}</p>
      <p className="text-xs text-slate-500">{t("matrix.whenLegend")}</p>
      <EditorFooter status={status} readOnly={readOnly} submitting={isSubmitting} dirty={isDirty} />
    </form>
  );
}
