"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requeueEvent } from "@/lib/db/queries/events";
import { AppError } from "@/lib/errors";
import { projectAction } from "./safe-action";

/** F12/F15: a single failed, skipped or dead event is sent again. */
export const retryEvent = projectAction({
  role: "ADMIN",
  schema: z.object({ eventId: z.string().min(1) }),
  run: async ({ eventId }, { project }) => {
    if (!(await requeueEvent(project.id, eventId))) throw new AppError("CONFLICT", "Only failed, skipped or dead events can be sent again.");
    revalidatePath(`/${project.key}/events`);
    return { eventId, status: "queued" as const };
  },
});
