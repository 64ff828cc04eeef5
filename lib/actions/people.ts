"use server";

import { revalidatePath } from "next/cache";
import { cancelInvitation } from "@/lib/db/queries/invitations";
import { AppError } from "@/lib/errors";
import { acceptInvitationWithPassword, invitePerson, openInvitation } from "@/lib/projects/invitations";
import { acceptInvitationSchema, cancelInvitationSchema, invitationTokenSchema, inviteSchema } from "@/lib/validation/invitation";
import { z } from "zod";
import { projectAction, publicAction } from "./safe-action";

/** OWNER: a person with an account becomes a member at once; anyone else gets a one-time link, shown once. */
export const invitePersonAction = projectAction({
  role: "OWNER",
  schema: inviteSchema,
  run: async (input, { project, user }) => {
    const outcome = await invitePerson(project, input, { userId: user.id, actor: user.email });
    revalidatePath(`/${project.key}/settings`);
    return outcome;
  },
});

export const cancelInvitationAction = projectAction({
  role: "OWNER",
  schema: cancelInvitationSchema,
  run: async ({ id }, { project, user }) => {
    if (!(await cancelInvitation(project.id, id, { userId: user.id, actor: user.email }))) throw new AppError("NOT_FOUND", "invite.gone");
    revalidatePath(`/${project.key}/settings`);
    return { ok: true };
  },
});

/** The invitation page, before the answer: which project and e-mail the link is for. */
export const invitationAction = publicAction({
  schema: z.object({ token: invitationTokenSchema }),
  run: async ({ token }) => {
    const found = await openInvitation(token);
    if (!found) throw new AppError("NOT_FOUND", "invite.invalid");
    return found;
  },
});

export const acceptInvitationAction = publicAction({
  schema: acceptInvitationSchema,
  run: async (input) => {
    const accepted = await acceptInvitationWithPassword(input);
    return { email: accepted.email };
  },
});
