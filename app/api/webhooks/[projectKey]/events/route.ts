// POST /api/webhooks/{projectKey}/events — signed platform events in (PRODUCT.md §3).
import { webhookHandler } from "@/lib/api/handler";
import { ingestEvent } from "@/lib/events/ingest";

export const dynamic = "force-dynamic";

export const POST = webhookHandler(async (input) => {
  const { created, answer } = await ingestEvent(input);
  return Response.json(answer, { status: created ? 202 : 200 });
});
