"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { inputClass } from "@/components/ui/input-class";
import { Notice } from "@/components/ui/notice";
import { connectPipedrive, connectPipedriveSandbox } from "@/lib/actions/integration";
import { PipedriveOAuthForm } from "./pipedrive-oauth-form";
import { useActionErrorText, useI18n } from "@/lib/i18n/client";
import { pipedriveConnectSchema, type PipedriveConnect } from "@/lib/connectors/pipedrive/connection";

export function PipedriveConnectForm({ projectKey, sandbox, redirectUri }: { projectKey: string; sandbox: boolean; redirectUri: string }) {
  const { t } = useI18n();
  const errorText = useActionErrorText();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const form = useForm<PipedriveConnect>({ resolver: zodResolver(pipedriveConnectSchema), defaultValues: { apiBase: "", apiToken: "" } });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setError(null);
    const result = await connectPipedrive(projectKey, values);
    if (!result.ok) {
      for (const [field, message] of Object.entries(result.error.fieldErrors ?? {})) form.setError(field as keyof PipedriveConnect, { message });
      setError(errorText(result.error));
    }
  });

  const useSandbox = () =>
    startTransition(async () => {
      setError(null);
      const result = await connectPipedriveSandbox(projectKey, {});
      if (!result.ok) setError(errorText(result.error));
    });

  const busy = isSubmitting || pending;
  return (
    <section className="space-y-4 rounded-lg border border-slate-200 bg-white p-5" aria-labelledby="pipedrive-title">
      <h2 id="pipedrive-title" className="text-base font-semibold">
        Pipedrive
      </h2>
      <p className="text-sm text-slate-600">{t("integration.pipedrive.about")}</p>
      {error ? (
        <Notice tone="error" testId="pipedrive-error">
          {error}
        </Notice>
      ) : null}
      <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Pipedrive">
        <Field id="apiBase" label={t("integration.pipedrive.apiBase")} hint={t("integration.pipedrive.apiBase.hint")} error={errors.apiBase?.message}>
          <input id="apiBase" type="url" placeholder="https://acme.pipedrive.com" className={inputClass} aria-invalid={Boolean(errors.apiBase)} {...form.register("apiBase")} />
        </Field>
        <Field id="apiToken" label={t("integration.pipedrive.apiToken")} error={errors.apiToken?.message}>
          <input id="apiToken" type="password" autoComplete="off" className={inputClass} aria-invalid={Boolean(errors.apiToken)} {...form.register("apiToken")} />
        </Field>
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" disabled={busy}>
            {isSubmitting ? t("integration.connecting") : t("integration.connect")}
          </Button>
          {sandbox ? (
            <Button type="button" variant="secondary" onClick={useSandbox} disabled={busy}>
              {pending ? t("integration.connecting") : t("integration.sandbox.pipedrive")}
            </Button>
          ) : null}
        </div>
        {sandbox ? <p className="text-xs text-slate-500">{t("integration.sandbox.hint")}</p> : null}
      </form>
      <PipedriveOAuthForm projectKey={projectKey} sandbox={sandbox} redirectUri={redirectUri} />
    </section>
  );
}
