"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { Controller, useForm } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { inputClass } from "@/components/ui/input-class";
import { saveRouting } from "@/lib/actions/config";
import { ROUTING_ENTITIES } from "@/lib/validation/vocabulary";
import { useI18n } from "@/lib/i18n/client";
import { translateMessage } from "@/lib/i18n/config";
import { sectionFormSchemas, type Employee, type IntegrationConfig, type SectionForm, type SectionFormInput } from "@/lib/validation/config";
import { EditorFooter, ReadOnlyNotice } from "./editor-footer";
import { useSectionSave } from "./use-section-save";

type Entity = (typeof ROUTING_ENTITIES)[number];

export function RoutingEditor({ projectKey, initial, employees, readOnly }: { projectKey: string; initial: IntegrationConfig["routing"]; employees: Employee[]; readOnly: boolean }) {
  const { t } = useI18n();
  const form = useForm<SectionFormInput<"routing">, unknown, SectionForm<"routing">>({ resolver: zodResolver(sectionFormSchemas.routing), defaultValues: { value: initial } });
  const { onSubmit, status } = useSectionSave(form, projectKey, saveRouting);
  const { errors, isSubmitting, isDirty } = form.formState;

  return (
    <form onSubmit={onSubmit} noValidate className="max-w-2xl space-y-5" aria-label={t("nav.routing")}>
      <ReadOnlyNotice readOnly={readOnly} />
      <fieldset disabled={readOnly} className="space-y-5">
        <label className="flex items-center gap-2 text-sm font-medium">
          <input type="checkbox" className="h-4 w-4" {...form.register("value.enabled")} />
          {t("routing.enabled")}
        </label>
        <fieldset className="space-y-1">
          <legend className="mb-1 text-sm font-medium">{t("routing.mode")}</legend>
          {(["crm_owner", "last_employee"] as const).map((mode) => (
            <label key={mode} className="flex items-center gap-2 text-sm">
              <input type="radio" value={mode} {...form.register("value.mode")} />
              {t(`routing.mode.${mode}`)}
            </label>
          ))}
        </fieldset>
        <Controller
          control={form.control}
          name="value.order"
          render={({ field }) => {
            const order = field.value as Entity[];
            const move = (index: number, delta: number) => {
              const next = [...order];
              const [item] = next.splice(index, 1);
              next.splice(index + delta, 0, item!);
              field.onChange(next);
            };
            return (
              <fieldset className="space-y-2" aria-describedby="order-hint">
                <legend className="text-sm font-medium">{t("routing.order")}</legend>
                <p id="order-hint" className="text-xs text-slate-500">
                  {t("routing.order.hint")}
                </p>
                <ol className="space-y-1" data-testid="routing-order">
                  {order.map((entity, index) => (
                    <li key={entity} className="flex items-center gap-2 rounded-md border border-slate-200 bg-white px-3 py-1.5 text-sm">
                      <span className="flex-1">
                        {index + 1}. {t(`entity.${entity}`)}
                      </span>
                      <Button type="button" variant="ghost" aria-label={t("routing.up", { entity: t(`entity.${entity}`) })} disabled={index === 0} onClick={() => move(index, -1)}>
                        ↑
                      </Button>
                      <Button type="button" variant="ghost" aria-label={t("routing.down", { entity: t(`entity.${entity}`) })} disabled={index === order.length - 1} onClick={() => move(index, 1)}>
                        ↓
                      </Button>
                      <Button type="button" variant="ghost" aria-label={t("routing.removeEntity", { entity: t(`entity.${entity}`) })} onClick={() => field.onChange(order.filter((other) => other !== entity))}>
                        ✕
                      </Button>
                    </li>
                  ))}
                </ol>
                {ROUTING_ENTITIES.filter((entity) => !order.includes(entity)).map((entity) => (
                  <Button key={entity} type="button" variant="secondary" onClick={() => field.onChange([...order, entity])}>
                    {t("routing.addEntity", { entity: t(`entity.${entity}`) })}
                  </Button>
                ))}
                {errors.value?.order ? <p className="text-xs text-red-700">{translateMessage(t, errors.value.order.message ?? errors.value.order.root?.message)}</p> : null}
              </fieldset>
            );
          }}
        />
        <Field id="fallback" label={t("routing.fallback")} error={errors.value?.fallbackEmployeeId?.message}>
          <select id="fallback" className={inputClass} {...form.register("value.fallbackEmployeeId")}>
            <option value="">{t("routing.fallback.none")}</option>
            {employees.map((employee) => (
              <option key={employee.id} value={employee.id}>
                {employee.name}
              </option>
            ))}
          </select>
        </Field>
        <Field id="timeout" label={t("routing.timeout")} hint={t("routing.timeout.hint")} error={errors.value?.timeoutMs?.message}>
          <input id="timeout" type="number" min={100} max={10000} step={50} className={`${inputClass} max-w-40`} aria-invalid={Boolean(errors.value?.timeoutMs)} {...form.register("value.timeoutMs", { valueAsNumber: true })} />
        </Field>
      </fieldset>
      <EditorFooter status={status} readOnly={readOnly} submitting={isSubmitting} dirty={isDirty} />
    </form>
  );
}
