// Real rows for integration tests, created through the same code the CLI uses.
import { randomBytes } from "node:crypto";
import { createProject } from "@/lib/projects/create-project";
import { createUser } from "@/lib/projects/create-user";
import type { Role } from "@/lib/auth/roles";

export const uniqueEmail = (label = "user") => `${label}-${randomBytes(4).toString("hex")}@example.test`;

export async function makeProject(name = "Test project") {
  return createProject({ name, timezone: "Europe/Kyiv", defaultCountry: "UA" }, { actor: "test" });
}

export async function makeMember(projectKey: string, role: Role, password = "correct-horse-battery") {
  const email = uniqueEmail(role.toLowerCase());
  await createUser({ email, password, projectKey, role }, { actor: "test" });
  return { email, password };
}
