import { sectionMetadata } from "@/lib/pages/section-metadata";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { TableShell } from "@/components/ui/table-shell";
import { FilterForm } from "@/components/ui/filter-form";
import { actionLabel } from "@/lib/audit/action-label";
import { crmNames } from "@/lib/audit/crm-names";
import { describeChange } from "@/lib/audit/describe-change";
import { crmMetadata } from "@/lib/config/metadata";
import { requireProjectPage } from "@/lib/auth/session";
import { listAuditActions, listAuditEntries } from "@/lib/db/queries/audit";
import { getLocale, getTranslator } from "@/lib/i18n/server";

export const generateMetadata = sectionMetadata("nav.audit");

/** The Audit page waits this long for the CRM's names (usually cached); past it, ids are shown. */
const CRM_NAMES_WAIT_MS = 2_000;
const crmNamesWithin = (projectId: string, ms: number) =>
  Promise.race([crmMetadata(projectId).catch(() => null), new Promise<null>((resolve) => setTimeout(() => resolve(null), ms).unref())]);

export default async function AuditPage({
  params,
  searchParams,
}: {
  params: Promise<{ projectKey: string }>;
  searchParams: Promise<{ action?: string }>;
}) {
  const { projectKey } = await params;
  const { project } = await requireProjectPage(projectKey);
  const { action } = await searchParams;
  const [t, locale, actions] = await Promise.all([getTranslator(), getLocale(), listAuditActions(project.id)]);
  const selected = action && actions.includes(action) ? action : undefined;
  // The CRM's names for the ids a change holds; the ids themselves when the CRM cannot be read now.
  const [entries, metadata] = await Promise.all([listAuditEntries(project.id, { limit: 200, action: selected }), crmNamesWithin(project.id, CRM_NAMES_WAIT_MS)]);
  const names = crmNames(metadata);
  // Moments stored as ISO 8601 read in the project's time zone, as everywhere else.
  const when = (value: string) => (/^\d{4}-\d\d-\d\dT[\d:.]+Z$/.test(value) ? format.format(new Date(value)) : value);
  const changesOf = (entry: (typeof entries)[number]) => (
    <ul className="space-y-0.5 break-words">
      {describeChange(entry.before, entry.after, names).map((change) => (
        <li key={change.field}>
          <span className="font-medium">{change.field}</span>: <span className="text-slate-500">{when(change.before)}</span> → <span>{when(change.after)}</span>
        </li>
      ))}
    </ul>
  );
  const format = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "medium", timeZone: project.timezone });

  return (
    <>
      <PageHeader title={t("nav.audit")} about={t("section.audit.about")} />
      <FilterForm
        applyLabel={t("audit.apply")}
        filters={[{ name: "action", label: t("audit.filter"), value: selected ?? "", options: [{ value: "", label: t("audit.filter.all") }, ...actions.map((name) => ({ value: name, label: actionLabel(t, name) }))] }]}
      />
      {entries.length === 0 ? (
        <EmptyState title={t("audit.empty.title")} body={t("audit.empty.body")} />
      ) : (
        <>
          {/* Phones get one card per entry; wider screens the table. */}
          <ul className="space-y-2 md:hidden" data-testid="audit-cards">
            {entries.map((entry) => (
              <li key={entry.id} className="space-y-1 rounded-lg border border-slate-200 bg-white p-3 text-sm">
                <p className="font-medium">{actionLabel(t, entry.action)}</p>
                <p className="break-words text-xs text-slate-500">
                  {format.format(entry.createdAt)} · {entry.actor} · {entry.target}
                </p>
                <div className="text-xs">{changesOf(entry)}</div>
              </li>
            ))}
          </ul>
          <div className="hidden md:block">
            <TableShell testId="audit-table" headers={[t("audit.when"), t("audit.who"), t("audit.what"), t("audit.target"), t("audit.change")]}>
              {entries.map((entry) => (
                <tr key={entry.id} className="align-top">
                  <td className="whitespace-nowrap px-3 py-2 text-slate-600">{format.format(entry.createdAt)}</td>
                  <td className="break-all px-3 py-2">{entry.actor}</td>
                  <td className="px-3 py-2" title={entry.action}>
                    {actionLabel(t, entry.action)}
                  </td>
                  <td className="break-all px-3 py-2">{entry.target}</td>
                  <td className="min-w-64 max-w-xl px-3 py-2">{changesOf(entry)}</td>
                </tr>
              ))}
            </TableShell>
          </div>
        </>
      )}
    </>
  );
}
