"use server";

import { z } from "zod";
import { text } from "@/lib/validation/text";
import { AppError } from "@/lib/errors";
import { dryRunAs } from "@/lib/engine/crm-checks";
import { assertMayDryRun, DRY_RUN_ROLE } from "@/lib/engine/dry-run-access";
import { projectAction } from "./safe-action";

/** The dry run writes nothing, but it looks CRM records up by any phone: admins only (lib/engine/dry-run-access.ts). */
export const simulate = projectAction({
  role: DRY_RUN_ROLE,
  schema: z.object({ json: text(256 * 1024, { tooLong: "validation.tooLarge" }) }),
  run: async ({ json }, { project, role, user }) => {
    assertMayDryRun(role);
    let raw: unknown;
    try {
      raw = JSON.parse(json);
    } catch (error) {
      throw new AppError("VALIDATION", `The sample is not valid JSON: ${(error as Error).message}`);
    }
    return dryRunAs(project, raw, user.id);
  },
});
