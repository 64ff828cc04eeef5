// What the delivery worker reports about each job: a root span per job linked to the webhook request
// that stored its event, the job's ids on every log line inside it, one log line per CRM step and per
// outcome (delivered, retry, pause, failed …), and the metrics of lanes, outcomes and latency.
import type { Job } from "pg-boss";
import type { DeliveryJobData } from "@/lib/jobs/enqueue";
import type { TraceEntry } from "./trace";
import type { FailureOutcome } from "./failure-outcome";
import { withLogContext } from "@/lib/observability/context";
import { log } from "@/lib/observability/logger";
import { metrics } from "@/lib/observability/metrics";
import { inSpan, linkTo, SpanKind } from "@/lib/observability/tracing";

/** The delivery lanes this process opened (DELIVERY_CONCURRENCY), for the lanes-busy gauge beside it. */
export const lanesOpened = (lanes: number) => metrics().lanes.set(lanes);

/** One job from fetch to settle: its lane busy, its ids in the logs, its span. */
export function observedJob<T>(job: Job<DeliveryJobData>, run: () => Promise<T>): Promise<T> {
  const lanes = metrics().lanesBusy;
  lanes.inc();
  return withLogContext({ jobId: job.id, eventId: job.data.eventId, projectId: job.data.projectId }, () =>
    inSpan(
      "deliver event",
      { kind: SpanKind.CONSUMER, root: true, links: linkTo(job.data.traceparent), attributes: { "callbridge.job_id": job.id, "callbridge.event_id": job.data.eventId, "messaging.retry_count": job.retryCount } },
      run,
    ),
  ).finally(() => lanes.dec());
}

interface Observed {
  id: string;
  type: string;
  receivedAt: Date;
  attempts: number;
}

/** The CRM steps of one attempt (as the Events page shows them), a log line each. */
export function observeSteps(event: Observed, crm: string, steps: TraceEntry[]) {
  for (const step of steps) {
    const line = { eventId: event.id, crm, op: step.op, step: step.step, ok: step.ok, ...(step.error ? { error: step.error } : {}) };
    if (step.ok) log("delivery").info(line, "delivery step");
    else log("delivery").warn(line, "delivery step failed");
  }
}

/** Settled ({ outcome }) or what a failure comes to (lib/engine/failure-outcome.ts). */
type Outcome = { outcome: "delivered" | "skipped" } | FailureOutcome;

export function observeOutcome(event: Observed, crm: string, result: Outcome) {
  const all = metrics();
  const labels = { type: event.type, crm };
  const ids = { eventId: event.id, crm, type: event.type, attempt: event.attempts + 1 };
  if (!("action" in result)) {
    if (result.outcome === "delivered") {
      all.eventsDelivered.inc(labels);
      all.deliveryLatency.observe(labels, Math.max(0, (Date.now() - event.receivedAt.getTime()) / 1000));
      log("delivery").info(ids, "event delivered");
    } else {
      all.eventsSkipped.inc(labels);
      log("delivery").info(ids, "event skipped: stop-listed");
    }
    return;
  }
  switch (result.action) {
    case "pause":
      all.quotaPauses.inc({ crm, quota: result.quota });
      log("delivery").warn({ ...ids, quota: result.quota, resumeAt: result.resumeAt.toISOString(), reason: result.reason }, "quota pause");
      return;
    case "retry":
      all.eventsFailed.inc({ ...labels, outcome: "retry" });
      log("delivery").warn({ ...ids, retryAt: result.retryAt.toISOString(), reason: result.reason }, "delivery retry scheduled");
      return;
    case "broken":
      all.eventsFailed.inc({ ...labels, outcome: "broken" });
      log("delivery").error({ ...ids, reason: result.reason }, "integration broken: the CRM refused the credentials");
      return;
    case "fail":
    case "dead":
      all.eventsFailed.inc({ ...labels, outcome: result.action === "fail" ? "failed" : "dead" });
      log("delivery").error({ ...ids, reason: result.reason }, result.action === "fail" ? "event failed: the CRM refused it" : "event dead: retries ran out");
  }
}
