import { alertDetailText } from "@/lib/alerts/detail-text";
import { ALERT_SHOWN } from "@/components/shell/alert-banner";
import { sectionMetadata } from "@/lib/pages/section-metadata";
import { EmptyState } from "@/components/ui/empty-state";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { canEdit } from "@/lib/auth/roles";
import { requireProjectPage } from "@/lib/auth/session";
import { openAlerts } from "@/lib/db/queries/alerts";
import { env } from "@/lib/env";
import { getLocale, getTranslator } from "@/lib/i18n/server";
import { projectMails } from "@/lib/db/queries/outbox";

export const generateMetadata = sectionMetadata("nav.alerts");

/** Open incidents and every alert mail sent: the project's outbox (all there is without SMTP_URL). */
export default async function AlertsPage({ params }: { params: Promise<{ projectKey: string }> }) {
  const { projectKey } = await params;
  const { project, role } = await requireProjectPage(projectKey);
  const [t, locale] = await Promise.all([getTranslator(), getLocale()]);
  if (!canEdit(role)) {
    return (
      <div className="space-y-4">
        <PageHeader title={t("nav.alerts")} about={t("section.alerts.about")} />
        <Notice tone="info">{t("alerts.adminsOnly")}</Notice>
      </div>
    );
  }
  const [open, mails] = await Promise.all([openAlerts(project.id), projectMails(project.id)]);
  const format = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: project.timezone });
  return (
    <div className="space-y-6">
      <PageHeader title={t("nav.alerts")} about={t("section.alerts.about")} />
      <section aria-labelledby="open-title" className="space-y-2">
        <h2 id="open-title" className="text-base font-semibold">
          {t("alerts.open")}
        </h2>
        {open.length === 0 ? (
          <p className="text-sm text-slate-600" data-testid="no-open-alerts">
            {t("alerts.none")}
          </p>
        ) : (
          <ul className="space-y-1 text-sm" data-testid="open-alerts">
            {open.map((alert) => (
              <li key={alert.kind}>
                <strong>{t((ALERT_SHOWN[alert.kind] ?? ALERT_SHOWN.failures!).title)}</strong> · {t("alerts.since", { at: format.format(alert.openSince!) })}
                {alert.detail ? ` · ${alertDetailText(t, alert.kind, alert.detail, format)}` : ""}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="outbox-title" className="space-y-2">
        <h2 id="outbox-title" className="text-base font-semibold">
          {t("alerts.outbox")}
        </h2>
        <p className="text-sm text-slate-600">{env().SMTP_URL ? t("alerts.outbox.smtp") : t("alerts.outbox.local")}</p>
        {mails.length === 0 ? (
          <EmptyState title={t("alerts.outbox.empty.title")} body={t("alerts.outbox.empty.body")} />
        ) : (
          <ol className="space-y-3" data-testid="outbox">
            {mails.map((mail) => (
              <li key={mail.id} className="rounded-lg border border-slate-200 bg-white p-3 text-sm" data-testid="outbox-mail">
                <p className="font-semibold">{mail.subject}</p>
                <p className="text-xs text-slate-500">
                  {format.format(mail.createdAt)} · {t("alerts.to", { to: mail.to.join(", ") || "—" })} ·{" "}
                  {mail.sentAt ? t("alerts.sent") : mail.error ? t("alerts.failed", { error: mail.error }) : t("alerts.kept")}
                </p>
                <pre className="mt-2 whitespace-pre-wrap break-words font-sans text-slate-700">{mail.text}</pre>
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
