"use client";

import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { useI18n } from "@/lib/i18n/client";
import type { useCrmMetadata } from "./use-crm-metadata";

/** Loading, error (with retry) and "not connected" states of the live CRM metadata, plus a refresh button. */
export function CrmMetadataStatus({ metadata }: { metadata: ReturnType<typeof useCrmMetadata> }) {
  const { t } = useI18n();
  if (metadata.isPending) return <p className="text-sm text-slate-500" role="status">{t("crm.loading")}</p>;
  if (metadata.isError)
    return (
      <Notice tone="error" testId="crm-error">
        {t("crm.error", { message: metadata.error.message })}{" "}
        <Button type="button" variant="secondary" onClick={() => void metadata.refetch()}>
          {t("crm.retry")}
        </Button>
      </Notice>
    );
  if (!metadata.data.connected) return <Notice tone="info">{t("validation.notConnected")}</Notice>;
  return (
    <div className="flex items-center gap-3 text-xs text-slate-500">
      <span>{t("crm.live")}</span>
      <Button type="button" variant="ghost" onClick={() => void metadata.refresh()} disabled={metadata.isFetching}>
        {metadata.isFetching ? t("crm.refreshing") : t("crm.refresh")}
      </Button>
    </div>
  );
}
