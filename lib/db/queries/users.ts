import type { Role } from "@/lib/generated/prisma/enums";
import { AppError } from "@/lib/errors";
import { db } from "../client";
import { recordAudit } from "./record-audit";

export const findUserByEmail = (email: string) => db().user.findUnique({ where: { email: email.toLowerCase() } });

export const findUserById = (id: string) => db().user.findUnique({ where: { id }, select: { id: true, email: true, name: true } });

/** The user of a session, if the session is as new as the user's session version. */
export const findSessionUser = (id: string, sessionVersion: number) =>
  db().user.findFirst({ where: { id, sessionVersion }, select: { id: true, email: true, name: true } });

export const bumpSessionVersion = (id: string) => db().user.updateMany({ where: { id }, data: { sessionVersion: { increment: 1 } } });

/** Creates the user if needed and gives them the role in the project (updating an existing role). */
export async function upsertUserWithMembership(input: {
  email: string;
  name?: string;
  /** Absent: an existing user keeps theirs (a new user cannot be made without one). */
  passwordHash?: string;
  /** What a given password does to an existing user: replace theirs, or refuse ("keep"). */
  existingPassword: "replace" | "keep";
  projectId: string;
  role: Role;
  actor: string;
}) {
  return db().$transaction(async (tx) => {
    const email = input.email.toLowerCase();
    const existing = await tx.user.findUnique({ where: { email } });
    if (existing && input.passwordHash && input.existingPassword === "keep") {
      throw new AppError("CONFLICT", `${email} already has an account: pass --reset-password to replace their password, or leave the password out to only grant the role.`);
    }
    if (!existing && !input.passwordHash) throw new AppError("VALIDATION", "A new user needs a password.", [{ path: "password", message: "Give the new user's password on stdin (--password-stdin) or in CALLBRIDGE_PASSWORD." }]);
    const user = existing
      ? input.passwordHash
        ? // A new password ends the sessions signed in with the old one.
          await tx.user.update({ where: { id: existing.id }, data: { passwordHash: input.passwordHash, name: input.name ?? existing.name, sessionVersion: { increment: 1 } } })
        : input.name && input.name !== existing.name
          ? await tx.user.update({ where: { id: existing.id }, data: { name: input.name } })
          : existing
      : await tx.user.create({ data: { email, name: input.name, passwordHash: input.passwordHash! } });
    const before = await tx.membership.findUnique({ where: { userId_projectId: { userId: user.id, projectId: input.projectId } } });
    // A changed role ends the user's sessions, so nothing signed in under the old role stays open.
    if (before && before.role !== input.role) await tx.user.update({ where: { id: user.id }, data: { sessionVersion: { increment: 1 } } });
    const membership = await tx.membership.upsert({
      where: { userId_projectId: { userId: user.id, projectId: input.projectId } },
      create: { userId: user.id, projectId: input.projectId, role: input.role },
      update: { role: input.role },
    });
    await recordAudit(tx, {
        projectId: input.projectId,
        actor: input.actor,
        action: before ? "membership.update" : "membership.create",
        target: email,
        before: before ? { role: before.role } : undefined,
        after: { role: membership.role },
      });
    return { user, membership, created: !existing };
  });
}
