"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm, useWatch } from "react-hook-form";
import { saveMessengers } from "@/lib/actions/config";
import { MESSENGER_CHANNELS } from "@/lib/validation/vocabulary";
import { useI18n } from "@/lib/i18n/client";
import { sectionFormSchemas, type IntegrationConfig, type SectionForm } from "@/lib/validation/config";
import { EditorFooter, ReadOnlyNotice } from "./editor-footer";
import { useSectionSave } from "./use-section-save";

const NAMES = { telegram: "Telegram", viber: "Viber", facebook: "Facebook Messenger" } as const;

/** F10: which channels send chats to the CRM, and whether each condition for that holds. */
export function MessengersEditor(props: { projectKey: string; initial: IntegrationConfig["messengers"]; integrationActive: boolean; employeesWithSip: number; readOnly: boolean }) {
  const { t } = useI18n();
  const form = useForm<SectionForm<"messengers">>({ resolver: zodResolver(sectionFormSchemas.messengers), defaultValues: { value: props.initial } });
  const { onSubmit, status } = useSectionSave(form, props.projectKey, saveMessengers);
  const values = useWatch({ control: form.control, name: "value" });
  const { isSubmitting, isDirty } = form.formState;
  const Condition = ({ ok, label }: { ok: boolean; label: string }) => (
    <li className={ok ? "text-green-700" : "text-red-700"}>
      <span aria-hidden>{ok ? "✓" : "✗"}</span> {label} <span className="sr-only">{ok ? t("messengers.met") : t("messengers.notMet")}</span>
    </li>
  );
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label={t("nav.messengers")}>
      <ReadOnlyNotice readOnly={props.readOnly} />
      <fieldset disabled={props.readOnly} className="grid gap-4 md:grid-cols-3">
        {MESSENGER_CHANNELS.map((channel) => {
          const enabled = values?.channels?.[channel];
          return (
            <section key={channel} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby={`channel-${channel}`} data-testid={`messenger-${channel}`}>
              <h2 id={`channel-${channel}`} className="text-sm font-semibold">
                {NAMES[channel]}
              </h2>
              <label className="flex items-center gap-2 text-sm">
                <input type="checkbox" className="h-4 w-4" {...form.register(`value.channels.${channel}`)} />
                {t("messengers.send", { channel: NAMES[channel] })}
              </label>
              <label className="flex items-center gap-2 text-sm">
                <input type="checkbox" className="h-4 w-4" {...form.register(`value.chatBots.${channel}`)} />
                {t("messengers.chatBot")}
              </label>
              {enabled ? (
                <ul className="space-y-0.5 text-xs" aria-label={t("messengers.conditions")}>
                  <Condition ok={props.integrationActive} label={t("messengers.condition.active")} />
                  <Condition ok={props.employeesWithSip > 0} label={t("messengers.condition.sip")} />
                  <Condition ok={Boolean(values?.chatBots?.[channel])} label={t("messengers.condition.bot")} />
                </ul>
              ) : null}
            </section>
          );
        })}
      </fieldset>
      <EditorFooter status={status} readOnly={props.readOnly} submitting={isSubmitting} dirty={isDirty} />
    </form>
  );
}
