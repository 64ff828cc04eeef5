// Switching a connected integration on and off (F1, F12). Re-activating settles the events that did not
// reach the CRM meanwhile: replayed (last 3 days, in the project's time zone) or skipped.
import { countReplayableEvents, replayProgress, settleUndeliveredEvents } from "@/lib/db/queries/replay";
import { findIntegrationSummary, setIntegrationStatus } from "@/lib/db/queries/integrations";
import { replayWindowStart } from "@/lib/replay/window";
import { evaluateAlertsSoon } from "@/lib/alerts/evaluate";
import { AppError } from "@/lib/errors";

type Project = { id: string; key: string; timezone: string };
type Who = { userId: string | null; actor: string };

/** How many stored events an activation with replay would send now. */
export const replayableCount = (project: Project) => countReplayableEvents(project.id, replayWindowStart(new Date(), project.timezone));

/** A finished replay's summary stays on the integration page for a day. */
const SHOW_FINISHED_REPLAY_MS = 24 * 3600_000;

/** The last replay while it runs, and for a day after it finished. */
export async function replayToShow(projectId: string) {
  const progress = await replayProgress(projectId);
  return progress && (progress.pending > 0 || Date.now() - Date.parse(progress.startedAt) < SHOW_FINISHED_REPLAY_MS) ? progress : null;
}

export async function activateIntegration(project: Project, options: { replay: boolean }, who: Who) {
  const integration = await findIntegrationSummary(project.id);
  if (!integration) throw new AppError("CONFLICT", "error.activate.noCrm");
  const settled = integration.status === "active" ? { replayed: 0, skipped: 0 } : await settleUndeliveredEvents(project.id, replayWindowStart(new Date(), project.timezone), options.replay);
  await setIntegrationStatus(project.id, "active", { ...who, target: project.key, action: "integration.activate", details: { replay: options.replay, ...settled } });
  evaluateAlertsSoon(project.id);
  return { status: "active" as const, replay: { requested: options.replay, events: settled.replayed, skipped: settled.skipped } };
}

export async function deactivateIntegration(project: Project, who: Who) {
  const integration = await findIntegrationSummary(project.id);
  if (!integration) throw new AppError("CONFLICT", "error.notConnected");
  await setIntegrationStatus(project.id, "inactive", { ...who, target: project.key, action: "integration.deactivate", details: {} });
  return { status: "inactive" as const };
}
