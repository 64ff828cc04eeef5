// Alerts (issue: the admin is told when the integration breaks): each evaluation compares what should be
// open with what is, and mails the project's OWNERs and ADMINs once when an incident opens and once when
// it recovers. Run after the status changes and every minute by each worker process.
import { alertRecipients, closeAlert, failureCounts, openAlert, watchedProjectFacts } from "@/lib/db/queries/alerts";
import { findIntegrationSummary } from "@/lib/db/queries/integrations";
import { findProjectById } from "@/lib/db/queries/projects";
import { appUrl } from "@/lib/integrations/app-url";
import { sendMail } from "@/lib/mail/send";
import { ALERT_KINDS, alertsToChange, wantedAlerts, type AlertKind } from "./conditions";

const HOUR_MS = 3_600_000;

const SUBJECT: Record<AlertKind, { opened: string; closed: string }> = {
  broken: { opened: "the CRM refused the stored credentials; deliveries are paused", closed: "the CRM connection works again" },
  failures: { opened: "events are failing to reach the CRM", closed: "events reach the CRM again" },
};

export async function evaluateAlerts(projectId: string, now = new Date()): Promise<{ opened: AlertKind[]; closed: AlertKind[] }> {
  const [project, integration, lastHour] = await Promise.all([findProjectById(projectId), findIntegrationSummary(projectId), failureCounts(projectId, new Date(now.getTime() - HOUR_MS))]);
  const result = { opened: [] as AlertKind[], closed: [] as AlertKind[] };
  if (!project) return result;
  const wanted = wantedAlerts({ status: integration?.status ?? null, lastError: integration?.lastError ?? null, lastHour });
  for (const kind of ALERT_KINDS) {
    const detail = wanted[kind];
    if (detail !== undefined) {
      if (await openAlert(projectId, kind, detail)) result.opened.push(kind);
    } else if ((await closeAlert(projectId, kind)) !== null) result.closed.push(kind);
  }
  if (result.opened.length || result.closed.length) {
    const to = await alertRecipients(projectId);
    const link = `${appUrl()}/${project.key}`;
    for (const kind of result.opened) {
      await sendMail({ projectId, to, subject: `[Callbridge] ${project.name}: ${SUBJECT[kind].opened}`, text: `${SUBJECT[kind].opened}.\n\n${wanted[kind]}\n\nOpen the project: ${link}/integration\nEvents: ${link}/events\n` });
    }
    for (const kind of result.closed) {
      await sendMail({ projectId, to, subject: `[Callbridge] ${project.name}: ${SUBJECT[kind].closed}`, text: `${SUBJECT[kind].closed}.\n\nOverview: ${link}\n` });
    }
  }
  return result;
}

/** Evaluation that never disturbs its caller (a delivery, a connection): failures are logged. */
export const evaluateAlertsSoon = (projectId: string) => void evaluateAlerts(projectId).catch((error: unknown) => console.error("alert evaluation failed", error));

/**
 * The per-minute pass: one query decides which projects' incidents should open or close, and only those
 * are evaluated one by one (which re-reads their facts and changes the state atomically).
 */
export async function evaluateAllAlerts(now = new Date()): Promise<number> {
  let changed = 0;
  for (const facts of await watchedProjectFacts(new Date(now.getTime() - HOUR_MS))) {
    if (alertsToChange({ status: facts.status, lastError: facts.lastError, lastHour: facts }, facts.open).length === 0) continue;
    const result = await evaluateAlerts(facts.projectId, now);
    changed += result.opened.length + result.closed.length;
  }
  return changed;
}
