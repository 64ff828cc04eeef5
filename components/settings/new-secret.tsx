"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { useI18n } from "@/lib/i18n/client";

/** A secret shown once (a new API token), with a copy button. */
export function NewSecret({ label, value, testId }: { label: string; value: string; testId: string }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  return (
    <div className="space-y-1 rounded-md border border-emerald-200 bg-emerald-50 p-3" role="status">
      <p className="text-sm font-medium text-emerald-900">{label}</p>
      <div className="flex flex-wrap items-center gap-2">
        <code className="block break-all rounded bg-white px-2 py-1 text-sm" data-testid={testId}>
          {value}
        </code>
        <Button
          variant="secondary"
          onClick={async () => {
            await navigator.clipboard.writeText(value).catch(() => undefined);
            setCopied(true);
          }}
        >
          {copied ? t("settings.tokens.copied") : t("settings.tokens.copy")}
        </Button>
      </div>
    </div>
  );
}
