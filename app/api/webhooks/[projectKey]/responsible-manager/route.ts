// POST /api/webhooks/{projectKey}/responsible-manager — the PBX asks who should take a ringing call (F13).
import { after } from "next/server";
import { webhookHandler } from "@/lib/api/handler";
import { responsibleManager } from "@/lib/routing/lookup";

export const dynamic = "force-dynamic";

export const POST = webhookHandler(async (input) => {
  const answer = await responsibleManager(
    input,
    // Recording the lookup and refreshing the cache happen after the answer has gone.
    (task) => after(() => task().catch((error: unknown) => console.error("responsible-manager background work failed", error))),
  );
  return Response.json(answer.body, { status: answer.status });
});
