// Cron routes: `Authorization: Bearer $CRON_SECRET`. The same jobs run in-process on a timer (instrumentation.ts).
import { timingSafeEqual } from "node:crypto";
import { evaluateAllAlerts } from "@/lib/alerts/evaluate";
import { runDeliveries } from "@/lib/engine/drain";
import { env } from "@/lib/env";
import { AppError, errorResponse } from "@/lib/errors";

export const dynamic = "force-dynamic";

const JOBS: Record<string, () => Promise<unknown>> = {
  deliver: () => runDeliveries(),
  alerts: () => evaluateAllAlerts(),
};

function authorised(request: Request): boolean {
  const given = Buffer.from(request.headers.get("authorization") ?? "");
  const expected = Buffer.from(`Bearer ${env().CRON_SECRET}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

async function handler(request: Request, context: { params: Promise<{ job: string }> }) {
  try {
    if (!authorised(request)) throw new AppError("UNAUTHENTICATED", "Send `Authorization: Bearer <CRON_SECRET>`.");
    const { job } = await context.params;
    const run = JOBS[job];
    if (!run) throw new AppError("NOT_FOUND", `No cron job "${job}". Jobs: ${Object.keys(JOBS).join(", ")}.`);
    return Response.json({ job, result: await run() });
  } catch (error) {
    return errorResponse(error);
  }
}

export { handler as GET, handler as POST };
