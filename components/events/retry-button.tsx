"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { retryEvent } from "@/lib/actions/events";
import { useI18n } from "@/lib/i18n/client";

export function RetryButton({ projectKey, eventId }: { projectKey: string; eventId: string }) {
  const { t } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <span className="inline-flex items-center gap-2">
      <Button
        variant="secondary"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const result = await retryEvent(projectKey, { eventId });
            setError(result.ok ? null : result.error.message);
          })
        }
      >
        {t("events.retry")}
      </Button>
      {error ? <span className="text-xs text-red-700">{error}</span> : null}
    </span>
  );
}
