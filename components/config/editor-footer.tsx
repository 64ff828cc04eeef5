"use client";

import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { UnsavedChangesGuard } from "@/components/ui/unsaved-changes-guard";
import { useI18n } from "@/lib/i18n/client";
import type { SaveStatus } from "./use-section-save";

/** The outcome of an editor's last save. */
export function SaveStatusNotice({ status }: { status: SaveStatus }) {
  return status ? (
    <Notice tone={status.tone} testId="editor-status">
      {status.text}
    </Notice>
  ) : null;
}

/** Save button and the outcome of the last save; nothing to click for a read-only viewer. */
export function EditorFooter({ status, readOnly, submitting, dirty }: { status: SaveStatus; readOnly: boolean; submitting: boolean; dirty: boolean }) {
  const { t } = useI18n();
  return (
    <div className="space-y-3">
      <SaveStatusNotice status={status} />
      {readOnly ? null : <UnsavedChangesGuard dirty={dirty && !submitting} />}
      {readOnly ? null : (
        <Button type="submit" disabled={submitting || !dirty}>
          {submitting ? t("settings.saving") : t("settings.save")}
        </Button>
      )}
    </div>
  );
}

export function ReadOnlyNotice({ readOnly }: { readOnly: boolean }) {
  const { t } = useI18n();
  return readOnly ? <Notice tone="info">{t("config.readOnly")}</Notice> : null;
}
