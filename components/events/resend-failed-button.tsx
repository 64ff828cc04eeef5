"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { retryFailedEvents } from "@/lib/actions/events";
import { useActionErrorText, useI18n } from "@/lib/i18n/client";
import type { EventListFilterInput } from "@/lib/validation/event-list";

/** "Send again" for every failed event the filters show, after an in-page confirmation naming how many. */
export function ResendFailedButton({ projectKey, filter, count }: { projectKey: string; filter: EventListFilterInput; count: number }) {
  const { t } = useI18n();
  const errorText = useActionErrorText();
  const [asking, setAsking] = useState(false);
  const [message, setMessage] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  if (count === 0 && !message) return null;
  const send = () =>
    startTransition(async () => {
      const result = await retryFailedEvents(projectKey, filter);
      setAsking(false);
      setMessage(result.ok ? { tone: "ok", text: t("events.resendFailed.done", { count: result.data.queued }) } : { tone: "error", text: errorText(result.error) });
    });
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm" data-testid="resend-failed">
      {asking ? (
        <span role="group" aria-label={t("events.resendFailed", { count })} className="inline-flex flex-wrap items-center gap-2 rounded-md border border-amber-300 bg-amber-50 px-2 py-1">
          <span>{t("events.resendFailed.confirm", { count })}</span>
          <Button disabled={pending} onClick={send}>
            {t("events.resendFailed", { count })}
          </Button>
          <Button variant="ghost" disabled={pending} onClick={() => setAsking(false)}>
            {t("integration.cancel")}
          </Button>
        </span>
      ) : count > 0 ? (
        <Button variant="secondary" onClick={() => setAsking(true)}>
          {t("events.resendFailed", { count })}
        </Button>
      ) : null}
      {message ? <span className={message.tone === "ok" ? "text-green-800" : "text-red-700"}>{message.text}</span> : null}
    </div>
  );
}
