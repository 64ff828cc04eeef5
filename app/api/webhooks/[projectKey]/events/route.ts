// POST /api/webhooks/{projectKey}/events — signed platform events in (PRODUCT.md §3).
import { AppError, errorResponse } from "@/lib/errors";
import { ingestEvent, MAX_BODY_BYTES } from "@/lib/events/ingest";

export const dynamic = "force-dynamic";

export async function POST(request: Request, context: { params: Promise<{ projectKey: string }> }) {
  try {
    // Refuse an oversized body before reading it when the client says how large it is.
    if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) throw new AppError("PAYLOAD_TOO_LARGE", "The event is larger than 256 KiB.");
    const { created, answer } = await ingestEvent({
      projectKey: (await context.params).projectKey,
      rawBody: await request.text(),
      timestamp: request.headers.get("x-callbridge-timestamp"),
      signature: request.headers.get("x-callbridge-signature"),
    });
    return Response.json(answer, { status: created ? 202 : 200 });
  } catch (error) {
    return errorResponse(error);
  }
}
