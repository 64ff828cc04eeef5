import { RetryButton } from "@/components/events/retry-button";
import { Simulator } from "@/components/events/simulator";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterForm } from "@/components/ui/filter-form";
import { PageHeader } from "@/components/ui/page-header";
import { TableShell } from "@/components/ui/table-shell";
import { canEdit } from "@/lib/auth/roles";
import { requireProjectPage } from "@/lib/auth/session";
import { findEvent, listEvents } from "@/lib/db/queries/events";
import type { TraceEntry } from "@/lib/engine/trace";
import { getLocale, getTranslator } from "@/lib/i18n/server";
import { EVENT_STATUSES, EVENT_TYPES, eventFilterSchema } from "@/lib/validation/integration";

const TONES: Record<string, string> = {
  queued: "bg-sky-100 text-sky-800",
  delivered: "bg-green-100 text-green-800",
  failed: "bg-amber-100 text-amber-800",
  skipped: "bg-slate-100 text-slate-700",
  dead: "bg-red-100 text-red-800",
};

export default async function EventsPage({ params, searchParams }: { params: Promise<{ projectKey: string }>; searchParams: Promise<Record<string, string>> }) {
  const { projectKey } = await params;
  const { project, role } = await requireProjectPage(projectKey);
  const query = await searchParams;
  const parsed = eventFilterSchema.safeParse({ status: query.status || undefined, type: query.type || undefined });
  const filter = parsed.success ? parsed.data : eventFilterSchema.parse({});
  const [t, locale, events] = await Promise.all([getTranslator(), getLocale(), listEvents(project.id, { ...filter, limit: 200 })]);
  const selected = query.event ? await findEvent(project.id, query.event) : null;
  const trace = (Array.isArray(selected?.trace) ? selected.trace : []) as unknown as TraceEntry[];
  const format = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "medium", timeZone: project.timezone });
  // A lookup is stored "delivered" when it named a manager and "skipped" when it sent the PBX on.
  const statusLabel = (event: { type: string; status: string }) =>
    event.type === "lookup" ? t(event.status === "delivered" ? "events.lookup.answered" : "events.lookup.next") : t(`events.status.${event.status as "queued"}`);
  // A lookup was answered while the call rang; there is nothing to send again.
  const retryable = (status: string, type: string) => canEdit(role) && type !== "lookup" && ["failed", "skipped", "dead"].includes(status);

  return (
    <div className="space-y-4">
      <PageHeader title={t("nav.events")} about={t("section.events.about")} />
      <FilterForm
        applyLabel={t("audit.apply")}
        filters={[
          { name: "status", label: t("events.status"), value: filter.status ?? "", options: [{ value: "", label: t("events.all") }, ...EVENT_STATUSES.map((status) => ({ value: status, label: t(`events.status.${status}`) }))] },
          { name: "type", label: t("events.type"), value: filter.type ?? "", options: [{ value: "", label: t("events.all") }, ...EVENT_TYPES.map((type) => ({ value: type, label: t(`events.type.${type}`) }))] },
        ]}
      />
      {selected ? (
        <section className="space-y-2 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="event-detail" data-testid="event-detail">
          <h2 id="event-detail" className="text-base font-semibold">
            {t(`events.type.${selected.type as "call"}`)} · {selected.externalId}
          </h2>
          <p className="text-sm">
            <span className={`rounded-full px-2 py-0.5 text-xs font-semibold ${TONES[selected.status]}`}>{statusLabel(selected)}</span>
            {selected.reason ? <span className="ml-2 text-slate-600">{selected.reason}</span> : null}
          </p>
          <h3 className="text-sm font-semibold">{t("events.trace")}</h3>
          {trace.length === 0 ? (
            <p className="text-sm text-slate-500">{t("events.trace.empty")}</p>
          ) : (
            <ol className="space-y-0.5 text-xs" data-testid="event-trace">
              {trace.map((entry, index) => (
                <li key={index} className={entry.ok ? "text-slate-700" : "text-red-700"}>
                  {entry.ok ? "✓" : "✗"} {entry.detail}
                  {entry.id ? ` → ${entry.id}` : ""}
                  {entry.error ? `: ${entry.error}` : ""}
                </li>
              ))}
            </ol>
          )}
          <h3 className="text-sm font-semibold">{t("events.payload")}</h3>
          <pre className="max-h-80 overflow-auto rounded bg-slate-50 p-2 text-xs">{JSON.stringify(selected.payload, null, 2)}</pre>
          {retryable(selected.status, selected.type) ? <RetryButton projectKey={project.key} eventId={selected.id} /> : null}
        </section>
      ) : null}
      <Simulator projectKey={project.key} />
      {events.length === 0 ? (
        <EmptyState title={t("events.empty.title")} body={t("events.empty.body")} />
      ) : (
        <TableShell testId="events-table" headers={[t("events.received"), t("events.type"), t("events.id"), t("events.status"), t("events.attempts"), t("events.reason"), ""]}>
              {events.map((event) => (
                <tr key={event.id}>
                  <td className="whitespace-nowrap px-3 py-1.5 text-slate-600">{format.format(event.receivedAt)}</td>
                  <td className="px-3 py-1.5">{t(`events.type.${event.type as "call"}`)}</td>
                  <td className="px-3 py-1.5 font-mono text-xs">
                    <a className="text-brand-600 underline" href={`?event=${encodeURIComponent(event.id)}`}>
                      {event.externalId}
                    </a>
                  </td>
                  <td className="px-3 py-1.5">
                    <span className={`rounded-full px-2 py-0.5 text-xs font-semibold ${TONES[event.status]}`}>{statusLabel(event)}</span>
                  </td>
                  <td className="px-3 py-1.5">{event.attempts}</td>
                  <td className="px-3 py-1.5 text-slate-600">{event.reason ?? "—"}</td>
                  <td className="px-3 py-1.5 text-right">{retryable(event.status, event.type) ? <RetryButton projectKey={project.key} eventId={event.id} /> : null}</td>
                </tr>
              ))}
        </TableShell>
      )}
    </div>
  );
}
