"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { text } from "@/lib/validation/text";
import { randomToken, sealSecret, secretPlaces } from "@/lib/crypto/secrets";
import { replaceWebhookSecret, updateProjectSettings } from "@/lib/db/queries/projects";
import { forgetWebhookProjects } from "@/lib/events/webhook-project";
import { deleteProject } from "@/lib/projects/delete-project";
import { projectSettingsSchema } from "@/lib/validation/project";
import { projectAction } from "./safe-action";

export const saveProjectSettings = projectAction({
  role: "ADMIN",
  schema: projectSettingsSchema,
  run: async (input, { project, user }) => {
    const updated = await updateProjectSettings(project.id, input, { userId: user.id, actor: user.email });
    forgetWebhookProjects();
    revalidatePath(`/${project.key}`, "layout");
    return updated;
  },
});

/** Returns the new secret once; it is stored sealed and never shown again. */
export const rotateWebhookSecret = projectAction({
  role: "ADMIN",
  schema: z.object({}),
  run: async (_input, { project, user }) => {
    const secret = randomToken("whsec");
    await replaceWebhookSecret(project.id, sealSecret(secret, secretPlaces.webhookSecret(project.id)), { userId: user.id, actor: user.email });
    forgetWebhookProjects();
    return { webhookSecret: secret };
  },
});

/** OWNERs only: the project with all its events, after its key is typed again. */
export const deleteProjectAction = projectAction({
  role: "OWNER",
  schema: z.object({ confirm: text(100).trim() }),
  run: async (input, { project }) => {
    const deleted = await deleteProject(project.key, input.confirm);
    forgetWebhookProjects();
    return deleted;
  },
});
