"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useFieldArray, useForm, useWatch } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { inputClass } from "@/components/ui/input-class";
import { saveEmployees } from "@/lib/actions/config";
import type { CrmUser } from "@/lib/connectors/types";
import { useI18n } from "@/lib/i18n/client";
import { sectionFormSchemas, type Employee, type SectionForm, type SectionFormInput } from "@/lib/validation/config";
import { EditorFooter, ReadOnlyNotice } from "./editor-footer";
import { useSectionSave } from "./use-section-save";

/** `crmUsers` null: no CRM connected, or (`crmUnreachable`) the CRM did not answer just now. */
export function EmployeesEditor({ projectKey, initial, crmUsers, crmUnreachable = false, readOnly }: { projectKey: string; initial: Employee[]; crmUsers: CrmUser[] | null; crmUnreachable?: boolean; readOnly: boolean }) {
  const { t } = useI18n();
  const form = useForm<SectionFormInput<"employees">, unknown, SectionForm<"employees">>({ resolver: zodResolver(sectionFormSchemas.employees), defaultValues: { value: initial } });
  const rows = useFieldArray({ control: form.control, name: "value" });
  const values = useWatch({ control: form.control, name: "value" });
  const { onSubmit, status } = useSectionSave(form, projectKey, saveEmployees);
  const { errors, isSubmitting, isDirty } = form.formState;
  const matched = (email: string) => crmUsers?.find((user) => user.email === email.trim().toLowerCase());

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label={t("nav.employees")}>
      <ReadOnlyNotice readOnly={readOnly} />
      {crmUsers === null ? <p className="text-sm text-amber-700">{t(crmUnreachable ? "employees.crmDown" : "employees.noCrm")}</p> : null}
      {rows.fields.length === 0 ? <p className="text-sm text-slate-500">{t("employees.empty")}</p> : null}
      <fieldset disabled={readOnly} className="space-y-3">
        {rows.fields.map((row, index) => {
          const match = matched(values?.[index]?.email ?? "");
          return (
            <div key={row.id} className="grid gap-3 rounded-lg border border-slate-200 bg-white p-3 md:grid-cols-[1fr_1fr_10rem_1fr_auto]" data-testid="employee-row">
              <Field id={`employee-${index}-name`} label={t("employees.name")} error={errors.value?.[index]?.name?.message}>
                <input id={`employee-${index}-name`} className={inputClass} aria-invalid={Boolean(errors.value?.[index]?.name)} {...form.register(`value.${index}.name`)} />
              </Field>
              <Field id={`employee-${index}-email`} label={t("employees.email")} error={errors.value?.[index]?.email?.message}>
                <input id={`employee-${index}-email`} type="email" className={inputClass} aria-invalid={Boolean(errors.value?.[index]?.email)} {...form.register(`value.${index}.email`)} />
              </Field>
              <Field id={`employee-${index}-sip`} label={t("employees.sip")} error={errors.value?.[index]?.sip?.message}>
                <input id={`employee-${index}-sip`} className={inputClass} aria-invalid={Boolean(errors.value?.[index]?.sip)} {...form.register(`value.${index}.sip`)} />
              </Field>
              <Field id={`employee-${index}-crm`} label={t("employees.crmUser")} error={errors.value?.[index]?.crmUserId?.message}>
                <select id={`employee-${index}-crm`} className={inputClass} {...form.register(`value.${index}.crmUserId`)}>
                  <option value="">{match ? t("employees.matched", { name: match.name }) : t("employees.unmatched")}</option>
                  {(crmUsers ?? []).map((user) => (
                    <option key={user.id} value={user.id}>
                      {user.name} &lt;{user.email}&gt;
                    </option>
                  ))}
                </select>
              </Field>
              {readOnly ? null : (
                <Button type="button" variant="ghost" className="self-end" aria-label={t("employees.remove", { index: index + 1 })} onClick={() => rows.remove(index)}>
                  {t("stopList.removeButton")}
                </Button>
              )}
            </div>
          );
        })}
      </fieldset>
      {readOnly ? null : (
        <Button type="button" variant="secondary" onClick={() => rows.append({ id: crypto.randomUUID(), name: "", email: "", sip: "", crmUserId: "" })}>
          {t("employees.add")}
        </Button>
      )}
      <EditorFooter status={status} readOnly={readOnly} submitting={isSubmitting} dirty={isDirty} />
    </form>
  );
}
