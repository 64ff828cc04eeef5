"use server";

import { z } from "zod";
import { text } from "@/lib/validation/text";
import { AppError } from "@/lib/errors";
import { dryRunAs } from "@/lib/integrations/crm-checks";
import { projectAction } from "./safe-action";

/** The dry run writes nothing, so any member may use it. */
export const simulate = projectAction({
  role: "VIEWER",
  schema: z.object({ json: text(256 * 1024, { tooLong: "validation.tooLarge" }) }),
  run: async ({ json }, { project, user }) => {
    let raw: unknown;
    try {
      raw = JSON.parse(json);
    } catch (error) {
      throw new AppError("VALIDATION", `The sample is not valid JSON: ${(error as Error).message}`);
    }
    return dryRunAs(project, raw, user.id);
  },
});
