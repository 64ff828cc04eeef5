"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { replayProgress } from "@/lib/db/queries/replay";
import { deleteIntegration } from "@/lib/db/queries/integrations";
import { sandboxEnabled } from "@/lib/env";
import { canEdit } from "@/lib/auth/roles";
import { AppError } from "@/lib/errors";
import { connectWithCredentials, startOAuthConnect } from "@/lib/integrations/connect";
import { sandboxOAuth } from "@/lib/sandbox/oauth-plug";
import { testConnectionAs } from "@/lib/engine/crm-checks";
import { pipedriveSandboxCredentials } from "@/lib/sandbox/credentials";
import { activateIntegration, deactivateIntegration, replayableCount } from "@/lib/replay/activation";
import { pipedriveConnectSchema, pipedriveOAuthSchema, type PipedriveConnect } from "@/lib/connectors/pipedrive/connection";
import { zohoConnectSchema } from "@/lib/connectors/zoho/connection";
import { activateSchema } from "@/lib/validation/integration";
import { projectAction } from "./safe-action";

const refresh = (projectKey: string) => revalidatePath(`/${projectKey}/integration`);

const byApiToken = (project: { id: string; key: string }, input: PipedriveConnect, user: { id: string; email: string }) =>
  connectWithCredentials(project, { crm: "pipedrive", auth: "api_token", apiBase: input.apiBase, apiToken: input.apiToken }, { userId: user.id, actor: user.email });

export const connectPipedrive = projectAction({
  role: "ADMIN",
  schema: pipedriveConnectSchema,
  run: async (input, { project, user }) => {
    await byApiToken(project, input, user);
    refresh(project.key);
    return { ok: true };
  },
});

/** The demo's shortcut: the built-in Pipedrive sandbox, credentials filled in on the server. */
export const connectPipedriveSandbox = projectAction({
  role: "ADMIN",
  schema: z.object({}),
  run: async (_input, { project, user }) => {
    if (!sandboxEnabled()) throw new AppError("VALIDATION", "error.sandboxOff");
    await byApiToken(project, await pipedriveSandboxCredentials(project), user);
    refresh(project.key);
    return { ok: true };
  },
});

/** Returns the URL of Zoho's consent page; the browser goes there and comes back to the callback route. */
export const startZohoConnect = projectAction({
  role: "ADMIN",
  schema: zohoConnectSchema,
  run: async (input, { project, user }) => ({ authorizeUrl: await startOAuthConnect(project, user.id, "zoho", input, sandboxOAuth()) }),
});

/** Pipedrive by OAuth (F1): the URL of Pipedrive's consent page (or the sandbox's). */
export const startPipedriveOAuth = projectAction({
  role: "ADMIN",
  schema: pipedriveOAuthSchema,
  run: async (input, { project, user }) => ({ authorizeUrl: await startOAuthConnect(project, user.id, "pipedrive", input, sandboxOAuth()) }),
});

export const testConnection = projectAction({
  role: "VIEWER",
  schema: z.object({}),
  run: async (_input, { project, user, role }) => {
    const account = await testConnectionAs(project.id, user.id, canEdit(role) ? { userId: user.id, actor: user.email, target: project.key } : undefined);
    refresh(project.key);
    return account;
  },
});

export const disconnectIntegration = projectAction({
  role: "ADMIN",
  schema: z.object({}),
  run: async (_input, { project, user }) => {
    await deleteIntegration(project.id, { userId: user.id, actor: user.email, target: project.key });
    refresh(project.key);
    return { ok: true };
  },
});

export const activate = projectAction({
  role: "ADMIN",
  schema: activateSchema,
  run: async (input, { project, user }) => {
    const result = await activateIntegration(project, input, { userId: user.id, actor: user.email });
    refresh(project.key);
    return result;
  },
});

/** Polled by the integration page while a replay runs. */
export const replayStatus = projectAction({
  role: "VIEWER",
  schema: z.object({}),
  run: async (_input, { project }) => replayProgress(project.id),
});

/** How many stored events an activation with replay would send now (the Integration page polls it while inactive). */
export const replayableStatus = projectAction({
  role: "VIEWER",
  schema: z.object({}),
  run: async (_input, { project }) => ({ count: await replayableCount(project) }),
});

export const deactivate = projectAction({
  role: "ADMIN",
  schema: z.object({}),
  run: async (_input, { project, user }) => {
    const result = await deactivateIntegration(project, { userId: user.id, actor: user.email });
    refresh(project.key);
    return result;
  },
});
