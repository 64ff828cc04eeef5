"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { inputClass } from "@/components/ui/input-class";
import { Notice } from "@/components/ui/notice";
import { startZohoConnect } from "@/lib/actions/integration";
import { useI18n } from "@/lib/i18n/client";
import { zohoConnectSchema, type ZohoConnect, type ZohoConnectInput } from "@/lib/connectors/zoho/connection";
import { OAuthClientFields, useConsentStep } from "./oauth-client";

export function ZohoConnectForm(props: { projectKey: string; sandbox: boolean; redirectUri: string; dataCenters: Array<{ value: string; label: string }> }) {
  const { t } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const form = useForm<ZohoConnectInput, unknown, ZohoConnect>({
    resolver: zodResolver(zohoConnectSchema),
    defaultValues: { dataCenter: props.sandbox ? "sandbox" : "eu", clientId: "", clientSecret: "" },
  });
  const { errors, isSubmitting } = form.formState;
  const isSandbox = useWatch({ control: form.control, name: "dataCenter" }) === "sandbox";

  const toConsent = useConsentStep((field, message) => form.setError(field, { message }), setError);
  const onSubmit = form.handleSubmit(async (values) => {
    setError(null);
    toConsent(await startZohoConnect(props.projectKey, values));
  });

  return (
    <section className="space-y-4 rounded-lg border border-slate-200 bg-white p-5" aria-labelledby="zoho-title">
      <h2 id="zoho-title" className="text-base font-semibold">
        Zoho CRM
      </h2>
      <p className="text-sm text-slate-600">{t("integration.zoho.about")}</p>
      {error ? (
        <Notice tone="error" testId="zoho-error">
          {error}
        </Notice>
      ) : null}
      <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Zoho CRM">
        <Field id="dataCenter" label={t("integration.zoho.dataCenter")} error={errors.dataCenter?.message}>
          <select id="dataCenter" className={inputClass} {...form.register("dataCenter")}>
            {props.sandbox ? <option value="sandbox">{t("integration.zoho.sandboxOption")}</option> : null}
            {props.dataCenters.map((dc) => (
              <option key={dc.value} value={dc.value}>
                {dc.label}
              </option>
            ))}
          </select>
        </Field>
        {isSandbox ? (
          <p className="text-xs text-slate-500">{t("integration.zoho.sandboxNote")}</p>
        ) : (
          <OAuthClientFields register={form.register} errors={errors} redirectUri={props.redirectUri} />
        )}
        <Button type="submit" disabled={isSubmitting}>
          {isSubmitting ? t("integration.connecting") : t("integration.zoho.continue")}
        </Button>
      </form>
    </section>
  );
}
