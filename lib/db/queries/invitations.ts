// People of a project and the invitations its owner sent (Project settings → People). An invitation's
// link is a one-time token; only its hash is stored, and accepting it uses it up in the same transaction
// that creates the account and the membership.
import type { Role } from "@/lib/generated/prisma/enums";
import { AppError } from "@/lib/errors";
import { db } from "../client";
import { recordAudit } from "./record-audit";

type Who = { userId: string | null; actor: string };

/** Members and the invitations still waiting for an answer. */
export async function listPeople(projectId: string, now = new Date()) {
  const [members, invitations] = await Promise.all([
    db().membership.findMany({ where: { projectId }, orderBy: { createdAt: "asc" }, select: { role: true, createdAt: true, user: { select: { email: true, name: true } } } }),
    db().invitation.findMany({ where: { projectId, acceptedAt: null, expiresAt: { gt: now } }, orderBy: { createdAt: "desc" }, select: { id: true, email: true, role: true, expiresAt: true, createdAt: true } }),
  ]);
  return { members: members.map((member) => ({ email: member.user.email, name: member.user.name, role: member.role, since: member.createdAt })), invitations };
}
export type People = Awaited<ReturnType<typeof listPeople>>;

/**
 * A person who has an account already is made a member at once (they sign in as before); anyone else
 * gets an invitation, replacing one still waiting for the same e-mail, so only the newest link works.
 */
export async function inviteOrAdd(input: { projectId: string; projectKey: string; email: string; role: Role; tokenHash: string; expiresAt: Date }, who: Who) {
  return db().$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { email: input.email }, select: { id: true, memberships: { where: { projectId: input.projectId }, select: { role: true } } } });
    if (user?.memberships.length) throw new AppError("CONFLICT", "invite.alreadyMember", [{ path: "email", message: "invite.alreadyMember" }]);
    if (user) {
      await tx.membership.create({ data: { userId: user.id, projectId: input.projectId, role: input.role } });
      await recordAudit(tx, { projectId: input.projectId, userId: who.userId, actor: who.actor, action: "membership.create", target: input.email, after: { role: input.role } });
      return { added: true as const };
    }
    await tx.invitation.deleteMany({ where: { projectId: input.projectId, email: input.email, acceptedAt: null } });
    const invitation = await tx.invitation.create({
      data: { projectId: input.projectId, email: input.email, role: input.role, tokenHash: input.tokenHash, invitedById: who.userId, expiresAt: input.expiresAt },
      select: { id: true, expiresAt: true },
    });
    await recordAudit(tx, { projectId: input.projectId, userId: who.userId, actor: who.actor, action: "invitation.create", target: input.email, after: { role: input.role, expiresAt: input.expiresAt.toISOString() } });
    return { added: false as const, invitation };
  });
}

export async function cancelInvitation(projectId: string, id: string, who: Who): Promise<boolean> {
  return db().$transaction(async (tx) => {
    const found = await tx.invitation.findFirst({ where: { projectId, id, acceptedAt: null }, select: { email: true, role: true } });
    if (!found) return false;
    await tx.invitation.delete({ where: { id } });
    await recordAudit(tx, { projectId, userId: who.userId, actor: who.actor, action: "invitation.cancel", target: found.email, before: { role: found.role } });
    return true;
  });
}

/** What the invitation page shows before the person answers: the project and the e-mail invited. */
export const findOpenInvitation = (tokenHash: string, now = new Date()) =>
  db().invitation.findFirst({ where: { tokenHash, acceptedAt: null, expiresAt: { gt: now } }, select: { email: true, role: true, project: { select: { name: true } } } });

/**
 * Uses the invitation up and creates the person's account and membership, all or nothing. Null when the
 * link is unknown, used or expired (two answers at once: one wins, the other gets null).
 */
export async function acceptInvitation(tokenHash: string, account: { name: string; passwordHash: string }, now = new Date()) {
  return db().$transaction(async (tx) => {
    const used = await tx.invitation.updateManyAndReturn({
      where: { tokenHash, acceptedAt: null, expiresAt: { gt: now } },
      data: { acceptedAt: now },
      select: { projectId: true, email: true, role: true, project: { select: { key: true } } },
    });
    const invitation = used[0];
    if (!invitation) return null;
    // An account made for this e-mail since (the CLI, another project's invitation): it signs in with its own password.
    if (await tx.user.findUnique({ where: { email: invitation.email }, select: { id: true } })) throw new AppError("CONFLICT", "invite.accountExists");
    const user = await tx.user.create({ data: { email: invitation.email, name: account.name, passwordHash: account.passwordHash }, select: { id: true } });
    await tx.membership.create({ data: { userId: user.id, projectId: invitation.projectId, role: invitation.role } });
    await recordAudit(tx, { projectId: invitation.projectId, userId: user.id, actor: invitation.email, action: "invitation.accept", target: invitation.email, after: { role: invitation.role } });
    return { email: invitation.email, projectKey: invitation.project.key };
  });
}
