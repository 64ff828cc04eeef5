// The PBX's question while a call rings: which answer it got (an employee, "next block", an error)
// and how long it took, as metrics and one log line — the latency the PBX's own timeout is set against.
import { log } from "./logger";
import { metrics } from "./metrics";

export async function observeRouting(answer: () => Promise<Response>): Promise<Response> {
  const started = performance.now();
  let kind = "error";
  try {
    const response = await answer();
    kind = response.status === 200 ? "employee" : response.status === 404 ? "next" : "error";
    return response;
  } finally {
    const seconds = (performance.now() - started) / 1000;
    metrics().routingAnswers.inc({ answer: kind });
    metrics().routingLatency.observe({ answer: kind }, seconds);
    log("routing").info({ answer: kind, durationMs: Math.round(seconds * 10_000) / 10 }, "routing answered");
  }
}
