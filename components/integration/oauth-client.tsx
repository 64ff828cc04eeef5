"use client";

// What both OAuth connect forms share: the app's id and secret with the redirect URI to register, and
// the step to the CRM's consent page (or the errors that kept the admin here).
import type { UseFormRegisterReturn } from "react-hook-form";
import { Field } from "@/components/ui/field";
import { inputClass } from "@/components/ui/input-class";
import { useActionErrorText, useI18n } from "@/lib/i18n/client";

type ClientField = "clientId" | "clientSecret";

export function OAuthClientFields(props: { idPrefix?: string; register: (name: ClientField) => UseFormRegisterReturn; errors: Partial<Record<ClientField, { message?: string }>>; redirectUri: string }) {
  const { t } = useI18n();
  const id = (field: ClientField) => (props.idPrefix ? `${props.idPrefix}${field[0]!.toUpperCase()}${field.slice(1)}` : field);
  return (
    <>
      <Field id={id("clientId")} label={t("integration.oauth.clientId")} error={props.errors.clientId?.message}>
        <input id={id("clientId")} autoComplete="off" className={inputClass} aria-invalid={Boolean(props.errors.clientId)} {...props.register("clientId")} />
      </Field>
      <Field id={id("clientSecret")} label={t("integration.oauth.clientSecret")} error={props.errors.clientSecret?.message}>
        <input id={id("clientSecret")} type="password" autoComplete="off" className={inputClass} aria-invalid={Boolean(props.errors.clientSecret)} {...props.register("clientSecret")} />
      </Field>
      <p className="text-xs text-slate-500">
        {t("integration.oauth.redirectUri")}: <code className="break-all rounded bg-slate-100 px-1">{props.redirectUri}</code>
      </p>
    </>
  );
}

type StartResult = { ok: true; data: { authorizeUrl: string } } | { ok: false; error: { code: string; message: string; fieldErrors?: Record<string, string> } };

/** Goes to the consent page, or puts the server's errors on the fields and above the form. */
export function useConsentStep(setFieldError: (field: ClientField, message: string) => void, setError: (message: string | null) => void) {
  const errorText = useActionErrorText();
  return (result: StartResult) => {
    if (result.ok) {
      window.location.assign(result.data.authorizeUrl);
      return;
    }
    for (const [field, message] of Object.entries(result.error.fieldErrors ?? {})) setFieldError(field as ClientField, message);
    setError(errorText(result.error));
  };
}
