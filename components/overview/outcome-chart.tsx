"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { Bucket, Outcome } from "@/lib/db/queries/overview";
import { useI18n } from "@/lib/i18n/client";

// Each at least 3:1 against white (WCAG 1.4.11 for graphics); the legend's words are in the text colour.
const COLOURS: Record<Outcome, string> = { delivered: "#15803d", queued: "#0369a1", skipped: "#64748b", failed: "#b45309", dead: "#b91c1c" };
const ORDER: Outcome[] = ["delivered", "queued", "skipped", "failed", "dead"];

/** Events per hour or per day, stacked by outcome; every slot of the range shows, empty ones as zero. */
export function OutcomeChart({ title, buckets, slots, testId }: { title: string; buckets: Bucket[]; slots: Array<{ key: string; label: string }>; testId: string }) {
  const { t } = useI18n();
  const byTime = new Map(buckets.map((bucket) => [bucket.at, bucket.counts]));
  const data = slots.map((slot) => ({ slot: slot.label, ...(byTime.get(slot.key) ?? { queued: 0, delivered: 0, failed: 0, skipped: 0, dead: 0 }) }));
  const total = buckets.reduce((sum, bucket) => sum + ORDER.reduce((inner, outcome) => inner + bucket.counts[outcome], 0), 0);
  return (
    <figure className="rounded-lg border border-slate-200 bg-white p-4" data-testid={testId} data-total={total}>
      <figcaption className="mb-2 text-sm font-semibold text-slate-800">
        {title} <span className="font-normal text-slate-500">· {t("overview.total", { count: total })}</span>
      </figcaption>
      <div className="h-56">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 4, right: 8, bottom: 0, left: -16 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
            <XAxis dataKey="slot" tick={{ fontSize: 11 }} interval="preserveStartEnd" minTickGap={12} />
            <YAxis allowDecimals={false} tick={{ fontSize: 11 }} />
            <Tooltip />
            <Legend wrapperStyle={{ fontSize: 12 }} formatter={(value: string) => <span className="text-slate-800">{value}</span>} />
            {ORDER.map((outcome) => (
              <Bar key={outcome} dataKey={outcome} name={t(`events.status.${outcome}`)} stackId="outcome" fill={COLOURS[outcome]} isAnimationActive={false} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
