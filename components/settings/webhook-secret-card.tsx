"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmPanel } from "@/components/ui/confirm-panel";
import { Notice } from "@/components/ui/notice";
import { rotateWebhookSecret } from "@/lib/actions/project-settings";
import { useActionErrorText, useI18n } from "@/lib/i18n/client";

export function WebhookSecretCard({ projectKey, readOnly }: { projectKey: string; readOnly: boolean }) {
  const { t } = useI18n();
  const errorText = useActionErrorText();
  const [confirming, setConfirming] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const rotate = () =>
    startTransition(async () => {
      setError(null);
      const result = await rotateWebhookSecret(projectKey, {});
      setConfirming(false);
      if (result.ok) setSecret(result.data.webhookSecret);
      else setError(errorText(result.error));
    });

  return (
    <section className="max-w-xl space-y-3 rounded-lg border border-slate-200 bg-white p-5" aria-labelledby="webhook-secret-title">
      <h2 id="webhook-secret-title" className="text-base font-semibold">
        {t("settings.webhook.title")}
      </h2>
      <p className="text-sm text-slate-600">{t("settings.webhook.about")}</p>
      {error ? <Notice tone="error">{error}</Notice> : null}
      {secret ? (
        <div className="space-y-1">
          <p className="text-sm font-medium">{t("settings.webhook.newSecret")}</p>
          <code className="block break-all rounded bg-slate-100 px-2 py-1 text-sm" data-testid="new-webhook-secret">
            {secret}
          </code>
        </div>
      ) : null}
      {readOnly ? null : confirming ? (
        <ConfirmPanel
          message={t("settings.webhook.confirm")}
          confirmLabel={t("settings.webhook.rotate")}
          cancelLabel={t("settings.webhook.cancel")}
          pending={pending}
          onConfirm={rotate}
          onCancel={() => setConfirming(false)}
        />
      ) : (
        <Button variant="secondary" onClick={() => setConfirming(true)}>
          {t("settings.webhook.rotate")}
        </Button>
      )}
    </section>
  );
}
