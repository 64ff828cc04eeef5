// Alerts (issue: the admin is told when the integration breaks): each evaluation compares what should be
// open with what is, and mails the project's OWNERs and ADMINs once when an incident opens and once when
// it recovers. Run after the status changes and every minute by each worker process.
import { alertRecipients, closeAlert, openAlert, watchedProjectFacts, type WatchedProjectFacts } from "@/lib/db/queries/alerts";
import { findProjectById } from "@/lib/db/queries/projects";
import { appUrl } from "@/lib/env";
import { sendMail } from "@/lib/mail/send";
import { alertsToChange, wantedAlerts, type AlertKind } from "./conditions";
import { alertDetailText } from "./detail-text";
import { DEFAULT_LOCALE, isLocale, translator } from "@/lib/i18n/config";
import { log } from "@/lib/observability/logger";

const HOUR_MS = 3_600_000;

/**
 * The mails of an incident, in the project's language (the one it writes into the CRM, Project settings):
 * mails go to several people at once, and the project's language is the one its team chose.
 */
function alertMails(project: { name: string; key: string; timezone: string; crmLanguage: string }) {
  const locale = isLocale(project.crmLanguage) ? project.crmLanguage : DEFAULT_LOCALE;
  const t = translator(locale);
  const format = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: project.timezone });
  const link = `${appUrl()}/${project.key}`;
  return {
    opened: (kind: AlertKind, detail: string) => {
      const what = t(`mail.alert.${kind}.opened`);
      return { subject: t("mail.alert.subject", { project: project.name, what }), text: t("mail.alert.openedBody", { what, detail: alertDetailText(t, kind, detail, format) ?? "", integration: `${link}/integration`, events: `${link}/events` }) };
    },
    closed: (kind: AlertKind) => {
      const what = t(`mail.alert.${kind}.closed`);
      return { subject: t("mail.alert.subject", { project: project.name, what }), text: t("mail.alert.closedBody", { what, overview: link }) };
    },
  };
}

const factsOf = (row: WatchedProjectFacts, now: Date) => ({
  status: row.status,
  lastError: row.lastError,
  lastHour: { failed: row.failed, settled: row.settled },
  pause: row.pausedUntil && row.pausedUntil.getTime() > now.getTime() ? { until: row.pausedUntil, reason: row.pauseReason ?? "" } : null,
});

export async function evaluateAlerts(projectId: string, now = new Date()): Promise<{ opened: AlertKind[]; closed: AlertKind[] }> {
  const [project, [watched]] = await Promise.all([findProjectById(projectId), watchedProjectFacts(new Date(now.getTime() - HOUR_MS), projectId)]);
  const result = { opened: [] as AlertKind[], closed: [] as AlertKind[] };
  if (!project) return result;
  // Neither connected nor with an incident open: nothing to open or close.
  if (!watched) return result;
  const wanted = wantedAlerts(factsOf(watched, now));
  // Only what differs from the open incidents is written; the statements themselves decide who changed it.
  for (const kind of alertsToChange(factsOf(watched, now), watched.open)) {
    const detail = wanted[kind];
    if (detail !== undefined) {
      if (await openAlert(projectId, kind, detail)) result.opened.push(kind);
    } else if ((await closeAlert(projectId, kind)) !== null) result.closed.push(kind);
  }
  for (const kind of result.opened) log("alerts").warn({ projectId, alert: kind }, "alert opened");
  for (const kind of result.closed) log("alerts").info({ projectId, alert: kind }, "alert closed");
  if (result.opened.length || result.closed.length) {
    const to = await alertRecipients(projectId);
    const mails = alertMails(project);
    for (const kind of result.opened) await sendMail({ projectId, to, ...mails.opened(kind, wanted[kind] ?? "") });
    for (const kind of result.closed) await sendMail({ projectId, to, ...mails.closed(kind) });
  }
  return result;
}

/** Evaluation that never disturbs its caller (a delivery, a connection): failures are logged. */
export const evaluateAlertsSoon = (projectId: string) => void evaluateAlerts(projectId).catch((error: unknown) => log("alerts").error({ err: error, projectId }, "alert evaluation failed"));

/**
 * The per-minute pass: one query decides which projects' incidents should open or close, and only those
 * are evaluated one by one (which re-reads their facts and changes the state atomically).
 */
export async function evaluateAllAlerts(now = new Date()): Promise<number> {
  let changed = 0;
  for (const facts of await watchedProjectFacts(new Date(now.getTime() - HOUR_MS))) {
    if (alertsToChange(factsOf(facts, now), facts.open).length === 0) continue;
    const result = await evaluateAlerts(facts.projectId, now);
    changed += result.opened.length + result.closed.length;
  }
  return changed;
}
