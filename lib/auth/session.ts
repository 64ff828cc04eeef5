// Session helpers for server components and server actions: who is signed in, and may they act here.
import { getServerSession } from "next-auth";
import { cache } from "react";
import { notFound, redirect } from "next/navigation";
import { AppError } from "@/lib/errors";
import { findMembership } from "@/lib/db/queries/projects";
import { findSessionUser } from "@/lib/db/queries/users";
import { authOptions } from "./options";
import { hasRole, type Role } from "./roles";

export async function currentUserId(): Promise<string | null> {
  return (await currentUser())?.id ?? null;
}

/**
 * The signed-in user, checked against the database on every request: a session signed in before the
 * user's last sign-out, password change or role change is over (memoised per request).
 */
export const currentUser = cache(async function currentUser(): Promise<{ id: string; email: string; name: string | null } | null> {
  const session = await getServerSession(authOptions());
  if (!session?.user?.id) return null;
  const user = await findSessionUser(session.user.id, session.user.sessionVersion ?? 0);
  return user ? { id: user.id, email: user.email, name: user.name } : null;
});

export interface ProjectAccess {
  user: { id: string; email: string; name: string | null };
  project: { id: string; key: string; name: string; timezone: string; defaultCountry: string; crmLanguage: string };
  role: Role;
}

/** Resolves the signed-in user's access to a project; memoised per request (layout and page share it). */
export const projectAccess = cache(async function projectAccess(projectKey: string): Promise<ProjectAccess | "signed-out" | "no-access"> {
  const user = await currentUser();
  if (!user) return "signed-out";
  const membership = await findMembership(user.id, projectKey);
  if (!membership) return "no-access";
  return { user, project: membership.project, role: membership.role };
});

/** For pages: sends a signed-out visitor to sign-in and hides projects the user is not a member of. */
export async function requireProjectPage(projectKey: string): Promise<ProjectAccess> {
  const access = await projectAccess(projectKey);
  if (access === "signed-out") redirect(`/login?callbackUrl=${encodeURIComponent(`/${projectKey}`)}`);
  if (access === "no-access") notFound();
  return access;
}

/** For actions: throws an AppError instead of redirecting. */
export async function projectAccessForAction(projectKey: string, required: Role): Promise<ProjectAccess> {
  const access = await projectAccess(projectKey);
  if (access === "signed-out") throw new AppError("UNAUTHENTICATED", "Your session has ended. Sign in again.");
  // Not being a member looks the same as the project not existing: keys are not confirmed to strangers.
  if (access === "no-access") throw new AppError("NOT_FOUND", "Project not found.");
  if (!hasRole(access.role, required)) throw new AppError("FORBIDDEN", "Your role in this project does not allow this change.");
  return access;
}
