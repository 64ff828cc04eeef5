// POST /api/webhooks/{projectKey}/responsible-manager — the PBX asks who should take a ringing call (F13).
import { after } from "next/server";
import { AppError, errorResponse } from "@/lib/errors";
import { MAX_BODY_BYTES } from "@/lib/events/ingest";
import { responsibleManager } from "@/lib/routing/lookup";

export const dynamic = "force-dynamic";

export async function POST(request: Request, context: { params: Promise<{ projectKey: string }> }) {
  try {
    if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) throw new AppError("PAYLOAD_TOO_LARGE", "The request is larger than 256 KiB.");
    const answer = await responsibleManager(
      {
        projectKey: (await context.params).projectKey,
        rawBody: await request.text(),
        timestamp: request.headers.get("x-callbridge-timestamp"),
        signature: request.headers.get("x-callbridge-signature"),
      },
      // Recording the lookup and refreshing the cache happen after the answer has gone.
      (task) => after(() => task().catch((error: unknown) => console.error("responsible-manager background work failed", error))),
    );
    return Response.json(answer.body, { status: answer.status });
  } catch (error) {
    return errorResponse(error);
  }
}
