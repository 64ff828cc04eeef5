"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { startPipedriveOAuth } from "@/lib/actions/integration";
import { useI18n } from "@/lib/i18n/client";
import { pipedriveOAuthSchema, type PipedriveOAuthConnect, type PipedriveOAuthConnectInput } from "@/lib/connectors/pipedrive/connection";
import { OAuthClientFields, useConsentStep } from "./oauth-client";

/** Pipedrive by OAuth (F1): the company's Marketplace app, or the sandbox's; the browser goes to the consent page. */
export function PipedriveOAuthForm({ projectKey, sandbox, redirectUri }: { projectKey: string; sandbox: boolean; redirectUri: string }) {
  const { t } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const form = useForm<PipedriveOAuthConnectInput, unknown, PipedriveOAuthConnect>({ resolver: zodResolver(pipedriveOAuthSchema), defaultValues: { sandbox: false, clientId: "", clientSecret: "" } });
  const { errors, isSubmitting } = form.formState;

  const toConsent = useConsentStep((field, message) => form.setError(field, { message }), setError);
  const start = async (values: PipedriveOAuthConnect) => {
    setError(null);
    toConsent(await startPipedriveOAuth(projectKey, values));
  };

  return (
    <form onSubmit={form.handleSubmit(start)} noValidate className="space-y-4 border-t border-slate-200 pt-4" aria-labelledby="pipedrive-oauth-title">
      <h3 id="pipedrive-oauth-title" className="text-sm font-semibold">
        {t("integration.pipedrive.oauth.title")}
      </h3>
      <p className="text-sm text-slate-600">{t("integration.pipedrive.oauth.about")}</p>
      {error ? (
        <Notice tone="error" testId="pipedrive-oauth-error">
          {error}
        </Notice>
      ) : null}
      <OAuthClientFields idPrefix="pipedrive" register={form.register} errors={errors} redirectUri={redirectUri} />
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" variant="secondary" disabled={isSubmitting}>
          {isSubmitting ? t("integration.connecting") : t("integration.pipedrive.oauth.continue")}
        </Button>
        {sandbox ? (
          <Button type="button" variant="secondary" disabled={isSubmitting} onClick={() => start({ sandbox: true, clientId: "", clientSecret: "" })}>
            {t("integration.sandbox.pipedriveOAuth")}
          </Button>
        ) : null}
      </div>
    </form>
  );
}
