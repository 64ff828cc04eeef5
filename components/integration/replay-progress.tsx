"use client";

import { useQuery } from "@tanstack/react-query";
import { replayStatus } from "@/lib/actions/integration";
import type { ReplayProgress as Progress } from "@/lib/db/queries/events";
import { useI18n } from "@/lib/i18n/client";

const POLL_MS = 1500;

/** The last replay's progress bar (F12), polled while events are still on their way to the CRM. */
export function ReplayProgress({ projectKey, initial }: { projectKey: string; initial: Progress | null }) {
  const { t } = useI18n();
  const { data } = useQuery({
    queryKey: ["replay", projectKey],
    queryFn: async () => {
      const result = await replayStatus(projectKey, {});
      if (!result.ok) throw new Error(result.error.message);
      return result.data;
    },
    initialData: initial,
    refetchInterval: (query) => (query.state.data && query.state.data.pending > 0 ? POLL_MS : false),
  });
  if (!data) return null;
  const done = data.delivered + data.failed;
  const percent = Math.round((done / data.total) * 100);
  return (
    <section className="max-w-2xl space-y-2 rounded-lg border border-slate-200 bg-white p-5" aria-labelledby="replay-title" data-testid="replay-progress">
      <h2 id="replay-title" className="text-sm font-semibold">
        {data.pending > 0 ? t("integration.replay.running") : t("integration.replay.finished")}
      </h2>
      <progress className="h-2 w-full" max={data.total} value={done} aria-label={t("integration.replay.running")} aria-valuetext={`${percent}%`} />
      <p className="text-sm text-slate-700" data-testid="replay-progress-text">
        {t("integration.replay.progress", { delivered: data.delivered, failed: data.failed, pending: data.pending, total: data.total })}
      </p>
    </section>
  );
}
