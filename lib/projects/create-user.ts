// Adding a person to a project with a role (used by the admin CLI and the demo seed).
import { hashPassword } from "@/lib/auth/password";
import { findProjectByKey } from "@/lib/db/queries/projects";
import { upsertUserWithMembership } from "@/lib/db/queries/users";
import { AppError, issuesFromZod } from "@/lib/errors";
import { createUserSchema } from "@/lib/validation/user";

/**
 * `existingPassword`: what a given password does to a user who already exists — "replace" it (the demo
 * seed, tests), or "keep" it and refuse (the CLI without --reset-password, so a typo'd e-mail never
 * silently takes over someone's account). Without a password an existing user only gets the role.
 */
export async function createUser(raw: unknown, options: { actor: string; existingPassword?: "replace" | "keep" }) {
  const parsed = createUserSchema.safeParse(raw);
  if (!parsed.success) throw new AppError("VALIDATION", "error.user.invalid", issuesFromZod(parsed.error.issues));
  const input = parsed.data;
  const project = await findProjectByKey(input.projectKey);
  if (!project) throw new AppError("NOT_FOUND", `No project with key "${input.projectKey}".`);
  const { user, membership, created } = await upsertUserWithMembership({
    email: input.email,
    name: input.name,
    passwordHash: input.password === undefined ? undefined : await hashPassword(input.password),
    existingPassword: options.existingPassword ?? "replace",
    projectId: project.id,
    role: input.role,
    actor: options.actor,
  });
  return { email: user.email, projectKey: project.key, role: membership.role, created };
}
