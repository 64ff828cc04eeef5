"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { resendEvent } from "@/lib/events/resend";
import { projectAction } from "./safe-action";

/** F12/F15: a single failed, skipped or dead event is sent again; a stop-listed call only when confirmed. */
export const retryEvent = projectAction({
  role: "ADMIN",
  schema: z.object({ eventId: z.string().min(1), despiteStopList: z.boolean().default(false) }),
  run: async ({ eventId, despiteStopList }, { project, user }) => {
    const outcome = await resendEvent(project, eventId, { despiteStopList }, { userId: user.id, actor: user.email });
    if (outcome.queued) revalidatePath(`/${project.key}/events`);
    return outcome;
  },
});
