// Switching a connected integration on and off (F1, F12). Re-activating settles the events that did not
// reach the CRM meanwhile: replayed (last 3 days, in the project's time zone) or skipped.
import { countReplayableEvents, settleUndeliveredEvents } from "@/lib/db/queries/events";
import { findIntegrationSummary, setIntegrationStatus } from "@/lib/db/queries/integrations";
import { replayWindowStart } from "@/lib/engine/replay-window";
import { AppError } from "@/lib/errors";

type Project = { id: string; key: string; timezone: string };
type Who = { userId: string | null; actor: string };

/** How many stored events an activation with replay would send now. */
export const replayableCount = (project: Project) => countReplayableEvents(project.id, replayWindowStart(new Date(), project.timezone));

export async function activateIntegration(project: Project, options: { replay: boolean }, who: Who) {
  const integration = await findIntegrationSummary(project.id);
  if (!integration) throw new AppError("CONFLICT", "Connect a CRM before activating the integration.");
  const settled = integration.status === "active" ? { replayed: 0, skipped: 0 } : await settleUndeliveredEvents(project.id, replayWindowStart(new Date(), project.timezone), options.replay);
  await setIntegrationStatus(project.id, "active", { ...who, target: project.key, action: "integration.activate", details: { replay: options.replay, ...settled } });
  return { status: "active" as const, replay: { requested: options.replay, events: settled.replayed, skipped: settled.skipped } };
}

export async function deactivateIntegration(project: Project, who: Who) {
  const integration = await findIntegrationSummary(project.id);
  if (!integration) throw new AppError("CONFLICT", "This project is not connected to a CRM.");
  await setIntegrationStatus(project.id, "inactive", { ...who, target: project.key, action: "integration.deactivate", details: {} });
  return { status: "inactive" as const };
}
