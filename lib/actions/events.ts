"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { text } from "@/lib/validation/text";
import { requeueFailed } from "@/lib/db/queries/event-list";
import { resendEvent } from "@/lib/replay/resend";
import { eventListFilter } from "@/lib/events/search";
import { eventListFilterSchema } from "@/lib/validation/event-list";
import { projectAction } from "./safe-action";

/** F12/F15: a single failed, skipped or dead event is sent again; a stop-listed call only when confirmed. */
export const retryEvent = projectAction({
  role: "ADMIN",
  schema: z.object({ eventId: text(200).min(1), despiteStopList: z.boolean().default(false) }),
  run: async ({ eventId, despiteStopList }, { project, user }) => {
    const outcome = await resendEvent(project, eventId, { despiteStopList }, { userId: user.id, actor: user.email });
    if (outcome.queued) revalidatePath(`/${project.key}/events`);
    return outcome;
  },
});

/** "Send again" for every failed or dead event the Events page's filters show (up to 500 at once). */
export const retryFailedEvents = projectAction({
  role: "ADMIN",
  schema: eventListFilterSchema,
  run: async (input, { project, user }) => {
    const queued = await requeueFailed(project.id, eventListFilter(input, project.defaultCountry), { userId: user.id, actor: user.email, target: project.key });
    revalidatePath(`/${project.key}/events`);
    return { queued };
  },
});
