"use client";

import { useQuery } from "@tanstack/react-query";
import { replayStatus } from "@/lib/actions/integration";
import type { ReplayProgress as Progress } from "@/lib/db/queries/replay";
import { useI18n } from "@/lib/i18n/client";

const POLL_MS = 1500;

const PARTS = [
  ["delivered", "bg-green-600"],
  ["failed", "bg-red-600"],
  ["retrying", "bg-amber-500"],
] as const;

/** The last replay's progress (F12), polled while events are on their way; failures are never shown as sent. */
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
  // Parked events go on only once the integration is active again: the bar says so instead of "sending".
  const stalled = data.pending > 0 && data.parked === data.pending;
  const title = stalled ? t("integration.replay.paused", { parked: data.parked }) : data.pending > 0 ? t("integration.replay.running") : data.failed > 0 ? t("integration.replay.finishedWithFailures", { failed: data.failed, total: data.total }) : t("integration.replay.finished");
  return (
    <section
      className={`max-w-2xl space-y-2 rounded-lg border bg-white p-5 ${data.pending === 0 && data.failed > 0 ? "border-amber-300" : "border-slate-200"}`}
      aria-labelledby="replay-title"
      data-testid="replay-progress"
    >
      <h2 id="replay-title" className="text-sm font-semibold">
        {title}
      </h2>
      {/* One bar, in parts: reached the CRM, failed, failing and retried later; grey is still waiting. */}
      <div className="flex h-2 w-full overflow-hidden rounded bg-slate-200" role="img" aria-label={t("integration.replay.progress", { ...data })}>
        {PARTS.map(([part, colour]) => (data[part] > 0 ? <div key={part} className={colour} style={{ width: `${(data[part] / data.total) * 100}%` }} data-testid={`replay-bar-${part}`} /> : null))}
      </div>
      <p className="text-sm text-slate-700" data-testid="replay-progress-text">
        {t("integration.replay.progress", { ...data })}
      </p>
    </section>
  );
}
