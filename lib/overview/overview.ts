// The project's overview (its landing page): is the integration healthy, how many events went where,
// how fast, at what cost in CRM calls, who keeps failing, and what routing answered — all SQL aggregates.
import { loadConfig } from "@/lib/config/service";
import { findIntegrationSummary } from "@/lib/db/queries/integrations";
import { crmCalls, eventsPerSlot, failingClients, hasPlatformEvent, lastDelivery, matrixEverSaved, routingAnswers, timeToCrm } from "@/lib/db/queries/overview";
import { configurationProblem } from "@/lib/integrations/config-error";
import { activePause } from "@/lib/integrations/pause";
import { budgetUse } from "./budget";
import { daySlots, hourSlots } from "./slots";
import type { ChecklistFacts } from "./checklist";

const HOUR = 3_600_000;
export const HOURS_SHOWN = 24;
export const DAYS_SHOWN = 7;

export async function projectOverview(project: { id: string; timezone: string }, now = new Date()) {
  const day = new Date(now.getTime() - 24 * HOUR);
  const week = new Date(now.getTime() - 7 * 24 * HOUR);
  // Whole hours and days of the project's time zone, so no bar is a partial one.
  const hours = hourSlots(now, project.timezone, HOURS_SHOWN);
  const days = daySlots(now, project.timezone, DAYS_SHOWN);
  const [integration, config, perHour, perDay, speedDay, speedWeek, last, calls, failing, routing, firstEvent, matrixSaved] = await Promise.all([
    findIntegrationSummary(project.id),
    loadConfig(project.id),
    eventsPerSlot(project.id, hours),
    eventsPerSlot(project.id, days),
    timeToCrm(project.id, day),
    timeToCrm(project.id, week),
    lastDelivery(project.id),
    crmCalls(project.id, day),
    failingClients(project.id, week),
    routingAnswers(project.id, day),
    hasPlatformEvent(project.id),
    matrixEverSaved(project.id),
  ]);
  const account = (integration?.account ?? null) as { checkedAt?: string; edition?: string } | null;
  return {
    status: integration?.status ?? ("not_connected" as const),
    crm: integration?.crm ?? null,
    lastError: integration?.lastError ?? null,
    // A quota pause still in force (the CRM's reset is ahead): which quota, and when deliveries resume.
    pause: activePause(integration, now),
    // A process's own settings keep it from the CRM: shown beside the status, which it does not change.
    configuration: configurationProblem(integration),
    lastDelivery: last,
    perHour: { buckets: perHour, slots: hours.keys },
    perDay: { buckets: perDay, slots: days.keys },
    timeToCrm: { day: speedDay, week: speedWeek },
    crmCalls: calls,
    budget: integration ? budgetUse(integration.crm, calls, account?.edition) : null,
    failingClients: failing,
    routing: { enabled: config.routing.enabled, ...routing },
    // Whether the webhook URL was copied is known to the browser only; the checklist adds it there.
    checklist: {
      connected: Boolean(integration),
      tested: Boolean(account?.checkedAt) && integration?.status !== "broken",
      matrixSaved,
      employees: config.employees.length,
      firstEvent,
      active: integration?.status === "active",
    } satisfies Omit<ChecklistFacts, "webhookCopied">,
  };
}
export type ProjectOverview = Awaited<ReturnType<typeof projectOverview>>;
