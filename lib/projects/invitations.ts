// Inviting people into a project (Project settings → People, OWNER only) without any mail: the owner is
// shown a one-time link to hand over; the token rides in the link's fragment (#…), which browsers never
// send to a server or in a Referer, and only its hash is stored.
import { hashPassword } from "@/lib/auth/password";
import { hashToken, randomToken } from "@/lib/crypto/secrets";
import { acceptInvitation, findOpenInvitation, inviteOrAdd } from "@/lib/db/queries/invitations";
import { appUrl } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { AcceptInvitation, Invite } from "@/lib/validation/invitation";

export const INVITATION_DAYS = 7;

type Project = { id: string; key: string };
type Who = { userId: string | null; actor: string };

/** The invitation page's address for a token. */
export const invitationLink = (token: string) => `${appUrl()}/invite#${token}`;

/** `link` (shown once) for a new person; `added` when they have an account and are a member now. */
export async function invitePerson(project: Project, input: Invite, who: Who): Promise<{ added: true } | { added: false; link: string; expiresAt: string }> {
  const token = randomToken("cbi");
  const expiresAt = new Date(Date.now() + INVITATION_DAYS * 24 * 3600_000);
  const outcome = await inviteOrAdd({ projectId: project.id, projectKey: project.key, email: input.email, role: input.role, tokenHash: hashToken(token), expiresAt }, who);
  return outcome.added ? { added: true } : { added: false, link: invitationLink(token), expiresAt: outcome.invitation.expiresAt.toISOString() };
}

/** The project and e-mail of an open invitation; null when the link is unknown, used or expired. */
export async function openInvitation(token: string) {
  const found = await findOpenInvitation(hashToken(token));
  return found ? { email: found.email, role: found.role, projectName: found.project.name } : null;
}

export async function acceptInvitationWithPassword(input: AcceptInvitation) {
  const accepted = await acceptInvitation(hashToken(input.token), { name: input.name, passwordHash: await hashPassword(input.password) });
  if (!accepted) throw new AppError("NOT_FOUND", "invite.invalid");
  return accepted;
}
