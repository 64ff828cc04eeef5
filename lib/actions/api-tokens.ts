"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { text } from "@/lib/validation/text";
import { createApiToken, revokeApiToken, rotateApiToken } from "@/lib/projects/api-tokens";
import { apiTokenSchema } from "@/lib/validation/api-token";
import { projectAction } from "./safe-action";

const tokenId = z.object({ id: text(200).min(1) });

/** Returns the new token once; only its hash is stored. */
export const createApiTokenAction = projectAction({
  role: "ADMIN",
  schema: apiTokenSchema,
  run: async (input, { project, user }) => {
    const { token } = await createApiToken(project, input, { userId: user.id, actor: user.email });
    revalidatePath(`/${project.key}/settings`);
    return { token };
  },
});

export const rotateApiTokenAction = projectAction({
  role: "ADMIN",
  schema: tokenId,
  run: async ({ id }, { project, user }) => {
    const { token } = await rotateApiToken(project, id, { userId: user.id, actor: user.email });
    revalidatePath(`/${project.key}/settings`);
    return { token };
  },
});

export const revokeApiTokenAction = projectAction({
  role: "ADMIN",
  schema: tokenId,
  run: async ({ id }, { project, user }) => {
    await revokeApiToken(project, id, { userId: user.id, actor: user.email });
    revalidatePath(`/${project.key}/settings`);
    return { ok: true };
  },
});
