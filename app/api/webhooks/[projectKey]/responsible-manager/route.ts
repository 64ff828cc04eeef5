// POST /api/webhooks/{projectKey}/responsible-manager — the PBX asks who should take a ringing call (F13).
import { after } from "next/server";
import { webhookHandler } from "@/lib/api/handler";
import { observeRouting } from "@/lib/observability/routing";
import { log } from "@/lib/observability/logger";
import { responsibleManager } from "@/lib/routing/lookup";

export const dynamic = "force-dynamic";

export const POST = webhookHandler((input) =>
  observeRouting(async () => {
    const answer = await responsibleManager(
      input,
      // Recording the lookup and refreshing the cache happen after the answer has gone.
      (task) => after(() => task().catch((error: unknown) => log("routing").error({ err: error }, "responsible-manager background work failed"))),
    );
    return Response.json(answer.body, { status: answer.status });
  }),
);
