import { apiHandler } from "@/lib/api/handler";
import { runDeliveries } from "@/lib/engine/drain";

export const dynamic = "force-dynamic";

/** Drains this project's due deliveries now and answers with the counts. */
export const POST = apiHandler("ADMIN", async (_request, access) => Response.json(await runDeliveries({ projectId: access.projectId })));
