// Switching a connected integration on and off (F1, F12). Replaying stored events on re-activation
// belongs to the event store; until events are stored there is nothing to replay.

import { AppError } from "@/lib/errors";
import { findIntegrationSummary, setIntegrationStatus } from "@/lib/db/queries/integrations";

export async function activateIntegration(project: { id: string; key: string }, options: { replay: boolean }, who: { userId: string | null; actor: string }) {
  const integration = await findIntegrationSummary(project.id);
  if (!integration) throw new AppError("CONFLICT", "Connect a CRM before activating the integration.");
  await setIntegrationStatus(project.id, "active", { ...who, target: project.key, action: "integration.activate", details: { replay: options.replay } });
  return { status: "active" as const, replay: { requested: options.replay, events: 0 } };
}

export async function deactivateIntegration(project: { id: string; key: string }, who: { userId: string | null; actor: string }) {
  const integration = await findIntegrationSummary(project.id);
  if (!integration) throw new AppError("CONFLICT", "This project is not connected to a CRM.");
  await setIntegrationStatus(project.id, "inactive", { ...who, target: project.key, action: "integration.deactivate", details: {} });
  return { status: "inactive" as const };
}


