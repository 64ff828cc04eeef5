"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { retryEvent } from "@/lib/actions/events";
import { useActionErrorText, useI18n } from "@/lib/i18n/client";

/** "Send again"; a stop-listed call asks first, in the page, naming the stop-list entry (F9). */
export function RetryButton({ projectKey, eventId }: { projectKey: string; eventId: string }) {
  const { t } = useI18n();
  const errorText = useActionErrorText();
  const [error, setError] = useState<string | null>(null);
  const [stopListed, setStopListed] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const send = (despiteStopList: boolean) =>
    startTransition(async () => {
      const result = await retryEvent(projectKey, { eventId, despiteStopList });
      if (!result.ok) return setError(errorText(result.error));
      setError(null);
      setStopListed(result.data.queued ? null : result.data.stopListed);
    });
  if (stopListed) {
    return (
      <span role="group" aria-label={t("events.retry")} className="inline-flex flex-wrap items-center justify-end gap-2 rounded-md border border-amber-300 bg-amber-50 px-2 py-1 text-left" data-testid="stop-listed-confirm">
        <span className="text-xs text-amber-900">{t("events.retry.stopListed", { reason: stopListed })}</span>
        <Button variant="danger" disabled={pending} onClick={() => send(true)}>
          {t("events.retry.despiteStopList")}
        </Button>
        <Button variant="ghost" disabled={pending} onClick={() => setStopListed(null)}>
          {t("integration.cancel")}
        </Button>
      </span>
    );
  }
  return (
    <span className="inline-flex items-center gap-2">
      <Button variant="secondary" disabled={pending} onClick={() => send(false)}>
        {t("events.retry")}
      </Button>
      {error ? <span className="text-xs text-red-700">{error}</span> : null}
    </span>
  );
}
