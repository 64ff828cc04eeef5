// Asking a person into a project (Project settings → People) and their answer on the invitation page.
// Messages are i18n keys (see lib/validation/auth.ts).
import { z } from "zod";
import { emailSchema, newPasswordSchema } from "./auth";
import { text } from "./text";
import { ROLES } from "./roles";

export const inviteSchema = z.object({ email: emailSchema, role: z.enum(ROLES, { error: "validation.role" }) });
export type Invite = z.infer<typeof inviteSchema>;

/** The invitation link's token travels in the page's fragment and comes back in the action's body. */
export const invitationTokenSchema = text(200).trim().min(20, "invite.invalid");

export const acceptInvitationSchema = z
  .object({
    token: invitationTokenSchema,
    name: text(80).trim().min(1, "validation.name"),
    password: newPasswordSchema,
    confirm: text(200),
  })
  .refine((value) => value.password === value.confirm, { path: ["confirm"], message: "validation.passwordMismatch" });
export type AcceptInvitation = z.infer<typeof acceptInvitationSchema>;

export const cancelInvitationSchema = z.object({ id: text(64).trim().min(1) });
