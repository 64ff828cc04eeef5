"use client";

import { useI18n } from "@/lib/i18n/client";

const TONES = {
  active: "bg-green-100 text-green-800 ring-green-600/20",
  inactive: "bg-slate-100 text-slate-700 ring-slate-500/20",
  broken: "bg-red-100 text-red-800 ring-red-600/20",
} as const;

export function StatusBadge({ status }: { status: keyof typeof TONES }) {
  const { t } = useI18n();
  return (
    <span data-testid="integration-status" className={`inline-flex items-center rounded-full px-2.5 py-0.5 text-xs font-semibold ring-1 ring-inset ${TONES[status]}`}>
      {t(`integration.status.${status}`)}
    </span>
  );
}
