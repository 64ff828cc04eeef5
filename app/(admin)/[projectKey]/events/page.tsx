import { sectionMetadata } from "@/lib/pages/section-metadata";
import { ResendFailedButton } from "@/components/events/resend-failed-button";
import { RetryButton } from "@/components/events/retry-button";
import { Simulator } from "@/components/events/simulator";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterForm } from "@/components/ui/filter-form";
import { PageHeader } from "@/components/ui/page-header";
import { TableShell } from "@/components/ui/table-shell";
import { canEdit, hasRole } from "@/lib/auth/roles";
import { DRY_RUN_ROLE } from "@/lib/engine/dry-run-access";
import { requireProjectPage } from "@/lib/auth/session";
import type { ListedEvent } from "@/lib/db/queries/event-list";
import { clientOf, crmRecordsOf, type CrmRecordRef } from "@/lib/pages/event-rows";
import { loadEventsPage } from "@/lib/pages/events-page";
import { reasonInWords } from "@/lib/events/reason";
import { eventReasonText, traceLineText } from "@/lib/pages/event-text";
import { canSendAgain, type SendAgainCandidate } from "@/lib/replay/send-again";
import type { MessageKey, Translate as Translator } from "@/lib/i18n/config";
import { getLocale, getTranslator } from "@/lib/i18n/server";
import { EVENT_STATUSES, EVENT_TYPES } from "@/lib/validation/integration";

export const generateMetadata = sectionMetadata("nav.events");

const TONES: Record<string, string> = {
  queued: "bg-sky-100 text-sky-800",
  delivered: "bg-green-100 text-green-800",
  failed: "bg-amber-100 text-amber-800",
  skipped: "bg-slate-100 text-slate-700",
  dead: "bg-red-100 text-red-800",
};

function RecordLinks({ records, t, sandboxHref }: { records: CrmRecordRef[]; t: Translator; sandboxHref: string | null }) {
  if (!records.length) return <span className="text-slate-400">—</span>;
  return (
    <ul className="space-y-0.5">
      {records.map((record) => {
        const label = `${t(`events.record.${record.entity}` as MessageKey)} ${record.action === "updated" ? t("events.record.updated") : ""}`.trim();
        const href = record.url ?? sandboxHref;
        // Long ids (UUIDs) are shortened on screen; the whole id is in the tooltip and the detail's trace.
        const shown = record.id.length > 12 ? `${record.id.slice(0, 8)}…` : record.id;
        return (
          <li key={`${record.entity}:${record.id}`} className="whitespace-nowrap text-xs">
            {label}{" "}
            {href ? (
              <a href={href} className="font-mono text-brand-700 underline" target={record.url ? "_blank" : undefined} rel="noreferrer" title={record.id}>
                {shown}
              </a>
            ) : (
              <span className="font-mono" title={record.id}>
                {shown}
              </span>
            )}
          </li>
        );
      })}
    </ul>
  );
}

export default async function EventsPage({ params, searchParams }: { params: Promise<{ projectKey: string }>; searchParams: Promise<Record<string, string>> }) {
  const { projectKey } = await params;
  const { project, role } = await requireProjectPage(projectKey);
  const query = await searchParams;
  const [t, locale, data] = await Promise.all([getTranslator(), getLocale(), loadEventsPage(project, query)]);
  const { input, filter, before, page, failed, selected, trace, connection } = data;
  const sandboxHref = data.sandboxHref ? `/${project.key}/${data.sandboxHref}` : null;
  const format = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "medium", timeZone: project.timezone });
  // The list's column is narrow: day and time to the minute (the opened event shows the seconds).
  const listFormat = new Intl.DateTimeFormat(locale, { dateStyle: "short", timeStyle: "short", timeZone: project.timezone });
  const ofCall = (callId: string) => t("events.followUpOf", { callId });
  // A lookup is stored "delivered" when it named a manager and "skipped" when it sent the PBX on.
  const statusLabel = (event: { type: string; status: string }) =>
    event.type === "lookup" ? t(event.status === "delivered" ? "events.lookup.answered" : "events.lookup.next") : t(`events.status.${event.status as "queued"}`);
  const retryable = (event: SendAgainCandidate) => canEdit(role) && canSendAgain(event, data.integrationStatus);
  const keep = Object.fromEntries(Object.entries({ status: input.status ?? "", type: input.type ?? "", q: input.q, lookups: input.lookups ? "1" : "" }).filter(([, value]) => value));
  const link = (extra: Record<string, string>) => `?${new URLSearchParams({ ...keep, ...extra }).toString()}`;
  const badge = (event: { type: string; status: string }) => <span className={`rounded-full px-2 py-0.5 text-xs font-semibold ${TONES[event.status]}`}>{statusLabel(event)}</span>;
  const eventLink = (event: ListedEvent) => (
    <a className="text-brand-600 underline" href={link({ event: event.id, ...(query.before ? { before: query.before } : {}) })}>
      {event.externalId}
    </a>
  );

  return (
    <div className="space-y-4">
      <PageHeader title={t("nav.events")} about={t("section.events.about")} />
      <FilterForm
        applyLabel={t("audit.apply")}
        search={{ name: "q", label: t("events.search"), value: input.q, placeholder: t("events.search.placeholder") }}
        filters={[
          { name: "status", label: t("events.status"), value: input.status ?? "", options: [{ value: "", label: t("events.all") }, ...EVENT_STATUSES.map((status) => ({ value: status, label: t(`events.status.${status}`) }))] },
          { name: "type", label: t("events.type"), value: input.type ?? "", options: [{ value: "", label: t("events.all") }, ...EVENT_TYPES.map((type) => ({ value: type, label: t(`events.type.${type}`) }))] },
        ]}
        checks={[{ name: "lookups", label: t("events.showLookups"), checked: input.lookups }]}
      />
      {input.q && filter.search ? (
        <p className="text-sm text-slate-600" data-testid="search-meaning">
          {"phone" in filter.search ? t("events.search.phone", { phone: filter.search.phone }) : "email" in filter.search ? t("events.search.email", { email: filter.search.email }) : t("events.search.id", { id: filter.search.id })}
        </p>
      ) : null}
      {canEdit(role) ? <ResendFailedButton projectKey={project.key} filter={input} count={failed} /> : null}
      {selected ? (
        <section className="space-y-2 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="event-detail" data-testid="event-detail">
          <h2 id="event-detail" className="text-base font-semibold">
            {t(`events.type.${selected.type as "call"}`)} · {selected.externalId}
          </h2>
          <p className="text-sm">
            {badge(selected)}
            {selected.reason ? <span className="ml-2 text-slate-700">{eventReasonText(t, selected, format)}</span> : null}
          </p>
          {selected.reason && reasonInWords(selected.reason) ? <p className="text-xs text-slate-500">{t("events.reason.crmSaid", { reason: selected.reason })}</p> : null}
          <h3 className="text-sm font-semibold">{t("events.trace")}</h3>
          {trace.length === 0 ? (
            <p className="text-sm text-slate-500">{t("events.trace.empty")}</p>
          ) : (
            <ol className="space-y-0.5 text-xs" data-testid="event-trace">
              {trace.map((entry, index) => (
                <li key={index} className={entry.ok ? "text-slate-700" : "text-red-700"}>
                  {entry.ok ? "✓" : "✗"} {traceLineText(t, entry, format)}
                  {entry.id ? ` → ${entry.id}` : ""}
                  {entry.error ? `: ${entry.error}` : ""}
                </li>
              ))}
            </ol>
          )}
          <h3 className="text-sm font-semibold">{t("events.payload")}</h3>
          <pre className="max-h-80 overflow-auto rounded bg-slate-50 p-2 text-xs">{JSON.stringify(selected.payload, null, 2)}</pre>
          {retryable(selected) ? <RetryButton projectKey={project.key} eventId={selected.id} /> : null}
        </section>
      ) : null}
      {/* The dry run looks CRM records up by any phone: for admins only (lib/engine/dry-run-access.ts). */}
      {hasRole(role, DRY_RUN_ROLE) ? <Simulator projectKey={project.key} timeZone={project.timezone} /> : null}
      {page.events.length === 0 ? (
        <EmptyState title={input.q || input.status || input.type ? t("events.none.title") : t("events.empty.title")} body={input.q || input.status || input.type ? t("events.none.body") : t("events.empty.body")} />
      ) : (
        <>
          {/* Phones get one card per event; wider screens the table. */}
          <ul className="space-y-2 md:hidden" data-testid="events-cards">
            {page.events.map((event) => (
              <li key={event.id} className="space-y-1 rounded-lg border border-slate-200 bg-white p-3 text-sm">
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <span className="font-medium">
                    {t(`events.type.${event.type as "call"}`)} · {clientOf(event, ofCall) ?? "—"}
                  </span>
                  {badge(event)}
                </div>
                <p className="text-xs text-slate-500">
                  {format.format(event.receivedAt)} · {eventLink(event)}
                </p>
                {event.reason ? <p className="text-xs text-slate-700">{eventReasonText(t, event, format)}</p> : null}
                <RecordLinks records={crmRecordsOf(event.trace, connection)} t={t} sandboxHref={sandboxHref} />
                {retryable(event) ? <RetryButton projectKey={project.key} eventId={event.id} /> : null}
              </li>
            ))}
          </ul>
          <div className="hidden md:block">
            {/* Six columns fit 1024 px and up: the event's id sits under its type, "Send again" under its reason. */}
            <TableShell testId="events-table" headers={[t("events.received"), t("events.type"), t("events.client"), t("events.status"), t("events.inCrm"), t("events.reason")]}>
              {page.events.map((event) => (
                <tr key={event.id}>
                  <td className="whitespace-nowrap px-3 py-1.5 text-slate-600" title={format.format(event.receivedAt)}>
                    {listFormat.format(event.receivedAt)}
                  </td>
                  <td className="px-3 py-1.5">
                    <span className="block">{t(`events.type.${event.type as "call"}`)}</span>
                    <span className="font-mono text-xs">{eventLink(event)}</span>
                  </td>
                  <td className="px-3 py-1.5 break-all">{clientOf(event, ofCall) ?? "—"}</td>
                  <td className="px-3 py-1.5">{badge(event)}</td>
                  <td className="px-3 py-1.5">
                    <RecordLinks records={crmRecordsOf(event.trace, connection)} t={t} sandboxHref={sandboxHref} />
                  </td>
                  <td className="min-w-40 max-w-sm px-3 py-1.5 text-slate-600" title={event.reason ?? undefined}>
                    {eventReasonText(t, event, format)}
                    {retryable(event) ? (
                      <div className="mt-1">
                        <RetryButton projectKey={project.key} eventId={event.id} />
                      </div>
                    ) : null}
                  </td>
                </tr>
              ))}
            </TableShell>
          </div>
          <nav aria-label={t("events.pages")} className="flex flex-wrap justify-between gap-2 text-sm">
            {before ? (
              <a className="text-brand-700 underline" href={link({})}>
                {t("events.newest")}
              </a>
            ) : (
              <span />
            )}
            {page.next ? (
              <a className="text-brand-700 underline" href={link({ before: page.next })} data-testid="older-events">
                {t("events.older")}
              </a>
            ) : null}
          </nav>
        </>
      )}
    </div>
  );
}
