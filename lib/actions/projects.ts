"use server";

import { appUrl } from "@/lib/env";
import { createProjectAsUser } from "@/lib/projects/create-project";
import { projectSettingsSchema } from "@/lib/validation/project";
import { userAction } from "./safe-action";

/**
 * Any signed-in user creates a project and becomes its OWNER. The webhook secret and the API token are
 * answered this once (they are stored sealed and hashed), with the webhook URL to give the platform.
 */
export const createProjectAction = userAction({
  schema: projectSettingsSchema,
  run: async (input, user) => {
    const created = await createProjectAsUser(input, user);
    return { ...created, webhookUrl: `${appUrl()}/api/webhooks/${created.projectKey}/events` };
  },
});
