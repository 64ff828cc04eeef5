// The delivery worker: claims due events (SKIP LOCKED), finds, decides and executes each through the
// project's connector, and records the outcome. One client's events go one at a time, in order;
// different clients and projects run side by side.
import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import type { CrmConnector, CrmKind } from "@/lib/connectors/types";
import type { CrmMetadata } from "@/lib/config/crm-checks";
import { crmMetadata } from "@/lib/config/metadata";
import { loadConfig } from "@/lib/config/service";
import { claimDueEvents, finishEvent, releaseEvents, type ClaimedEvent } from "@/lib/db/queries/events";
import { markIntegrationStatus } from "@/lib/db/queries/integrations";
import { findProjectById } from "@/lib/db/queries/projects";
import { AuthError, RetryableError } from "@/lib/errors";
import { projectConnector } from "@/lib/integrations/connect";
import type { PlatformEvent } from "@/lib/events/schemas";
import type { IntegrationConfig } from "@/lib/validation/config";
import { givesUp, nextAttemptDelay } from "./backoff";
import { decide } from "./decide";
import { orderingKey } from "./event-values";
import { executePlan } from "./execute";
import { findExisting } from "./find";
import type { TraceEntry } from "./trace";

const LEASE_MS = 5 * 60_000;
const PARALLEL_PROJECTS = 4;
const LANES_PER_PROJECT = 16;

export interface DeliveryCounts {
  claimed: number;
  delivered: number;
  retrying: number;
  failed: number;
  dead: number;
  paused: number;
}

/** What every event of a project needs, loaded once per run rather than per event. */
interface ProjectRun {
  project: { id: string; defaultCountry: string; timezone: string };
  connector: CrmConnector;
  integrationId: string;
  crm: CrmKind;
  config: IntegrationConfig;
  /** Read from the CRM on first use (it can fail like any CRM call), then shared. */
  metadata: () => Promise<CrmMetadata | null>;
}

async function loadProjectRun(projectId: string): Promise<ProjectRun | null> {
  const [project, connection, config] = await Promise.all([findProjectById(projectId), projectConnector(projectId), loadConfig(projectId)]);
  if (!project || !connection) return null;
  let metadata: Promise<CrmMetadata | null> | undefined;
  return { project, ...connection, config, metadata: () => (metadata ??= crmMetadata(projectId)) };
}

/** "hold-client": later events of this client wait; "stop": the whole project pauses (no CRM, broken). */
async function deliverOne(event: ClaimedEvent, run: ProjectRun | null, counts: DeliveryCounts): Promise<"continue" | "hold-client" | "stop"> {
  const previous = (Array.isArray(event.trace) ? event.trace : []) as TraceEntry[];
  const trace: TraceEntry[] = [];
  if (!run) {
    await finishEvent(event.id, { status: "queued", reason: "waiting: no CRM connected", nextAttemptAt: new Date(Date.now() + 60_000), trace: previous });
    counts.paused++;
    return "stop";
  }
  const { project, config } = run;
  try {
    const metadata = await run.metadata();
    const payload = event.payload as PlatformEvent;
    const context = { projectId: project.id, crm: run.crm, connector: run.connector, country: project.defaultCountry, trace };
    const { found: existing, keys } = await findExisting(context, payload, config);
    const plan = decide({
      event: payload,
      config,
      found: existing,
      pipelines: metadata?.pipelines ?? [],
      crmUsers: metadata?.users ?? [],
      defaultCountry: project.defaultCountry,
      today: format(new TZDate(Date.now(), project.timezone), "yyyy-MM-dd"),
    });
    await executePlan({ ...context, keys, previous }, payload, plan);
    await finishEvent(event.id, { status: "delivered", reason: plan.notes.join("; ") || null, nextAttemptAt: null, trace: [...previous.filter((entry) => entry.ok && entry.step !== undefined), ...trace] });
    counts.delivered++;
    return "continue";
  } catch (error) {
    const all = [...previous, ...trace];
    if (error instanceof AuthError) {
      // The CRM refused our credentials: the integration is broken, deliveries pause, nothing is lost.
      await markIntegrationStatus(run.integrationId, "broken", error.message);
      await finishEvent(event.id, { status: "queued", reason: `paused: ${error.message}`, nextAttemptAt: new Date(), trace: all });
      counts.paused++;
      return "stop";
    }
    if (error instanceof RetryableError) {
      if (givesUp(event.occurredAt, new Date())) {
        await finishEvent(event.id, { status: "dead", reason: `gave up after ${event.attempts} attempts: ${error.message}`, nextAttemptAt: null, trace: all });
        counts.dead++;
      } else {
        await finishEvent(event.id, { status: "failed", reason: error.message, nextAttemptAt: new Date(Date.now() + nextAttemptDelay(event.attempts, error.retryAfterMs)), trace: all });
        counts.retrying++;
      }
      // Later events of this client wait for this one, so a client's events reach the CRM in order.
      return "hold-client";
    }
    // The CRM rejected the data itself (or something unexpected): retrying cannot help.
    if (!(error instanceof Error) || error.name !== "PermanentError") console.error(error);
    await finishEvent(event.id, { status: "failed", reason: (error as Error).message, nextAttemptAt: null, trace: all });
    counts.failed++;
    return "continue";
  }
}

/** Events not tried because an earlier one stopped go back untouched. */
const release = (events: ClaimedEvent[]) => releaseEvents(events.map((event) => event.id));

/**
 * One project's claimed events. Each client's events form a list delivered strictly in order; up to
 * LANES_PER_PROJECT clients go side by side (the connector's per-account limiter keeps the CRM's limits).
 */
async function deliverProject(queue: ClaimedEvent[], counts: DeliveryCounts) {
  const run = await loadProjectRun(queue[0]!.projectId);
  const byClient = new Map<string, ClaimedEvent[]>();
  for (const event of queue) {
    const key = orderingKey(event.payload as PlatformEvent);
    const list = byClient.get(key);
    if (list) list.push(event);
    else byClient.set(key, [event]);
  }
  const lists = [...byClient.values()];
  let stopped = false;
  const lane = async () => {
    for (let list = lists.shift(); list; list = lists.shift()) {
      for (let index = 0; index < list.length; index++) {
        if (stopped) {
          await release(list.slice(index));
          break;
        }
        const outcome = await deliverOne(list[index]!, run, counts);
        if (outcome === "continue") continue;
        // "hold-client": this client's later events wait for the retry; "stop": the whole project pauses.
        if (outcome === "stop") stopped = true;
        await release(list.slice(index + 1));
        break;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(LANES_PER_PROJECT, lists.length) }, lane));
}

/** Drains due deliveries now (cron, the in-process timer, the config API's deliveries/run). */
export async function runDeliveries(options: { limit?: number; projectId?: string } = {}): Promise<DeliveryCounts> {
  const counts: DeliveryCounts = { claimed: 0, delivered: 0, retrying: 0, failed: 0, dead: 0, paused: 0 };
  const claimed = await claimDueEvents(options.limit ?? 200, LEASE_MS, options.projectId);
  counts.claimed = claimed.length;
  const byProject = new Map<string, ClaimedEvent[]>();
  for (const event of claimed) {
    const list = byProject.get(event.projectId);
    if (list) list.push(event);
    else byProject.set(event.projectId, [event]);
  }
  const queues = [...byProject.values()];
  const workers = Array.from({ length: Math.min(PARALLEL_PROJECTS, queues.length) }, async () => {
    for (let queue = queues.shift(); queue; queue = queues.shift()) await deliverProject(queue, counts);
  });
  await Promise.all(workers);
  return counts;
}
