// Creating a project: its key, its webhook secret (sealed) and a first API token, in one transaction.
import { randomBytes } from "node:crypto";
import { randomUUID } from "node:crypto";
import { hashToken, randomToken, sealSecret, secretPlaces } from "@/lib/crypto/secrets";
import { insertProject, projectKeyExists } from "@/lib/db/queries/projects";
import { AppError, issuesFromZod } from "@/lib/errors";
import { admitProjectCreation } from "@/lib/quotas/tenant-quotas";
import { projectSettingsSchema } from "@/lib/validation/project";

export interface CreatedProject {
  projectKey: string;
  apiToken: string;
  webhookSecret: string;
}

function slug(name: string): string {
  const base = name
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 24);
  return base || "project";
}

async function uniqueKey(name: string): Promise<string> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const key = `${slug(name)}-${randomBytes(3).toString("hex")}`;
    if (!(await projectKeyExists(key))) return key;
  }
  throw new AppError("CONFLICT", "error.project.noFreeKey");
}

export async function createProject(raw: unknown, options: { actor: string; key?: string; ownerUserId?: string }): Promise<CreatedProject> {
  const parsed = projectSettingsSchema.safeParse(raw);
  if (!parsed.success) throw new AppError("VALIDATION", "error.project.invalid", issuesFromZod(parsed.error.issues));
  const key = options.key ?? (await uniqueKey(parsed.data.name));
  if (options.key && (await projectKeyExists(key))) throw new AppError("CONFLICT", `A project with key "${key}" already exists.`);
  const webhookSecret = randomToken("whsec");
  const apiToken = randomToken("cbt");
  // The id is made here: the webhook secret is sealed bound to its row (lib/crypto/secrets.ts).
  const id = randomUUID();
  await insertProject({
    id,
    key,
    ...parsed.data,
    webhookSecretEncrypted: sealSecret(webhookSecret, secretPlaces.webhookSecret(id)),
    apiToken: { name: "default", tokenHash: hashToken(apiToken), prefix: apiToken.slice(0, 8), role: "ADMIN" },
    actor: options.actor,
    ownerUserId: options.ownerUserId,
  });
  return { projectKey: key, apiToken, webhookSecret };
}

/**
 * A signed-in user creates a project and becomes its OWNER, within PROJECTS_PER_USER_PER_DAY (any user may
 * create projects, each with a webhook secret and storage of its own). The admin CLI and the seed call
 * createProject itself: they are the operator's.
 */
export async function createProjectAsUser(raw: unknown, user: { id: string; email: string }): Promise<CreatedProject> {
  const parsed = projectSettingsSchema.safeParse(raw);
  if (!parsed.success) throw new AppError("VALIDATION", "error.project.invalid", issuesFromZod(parsed.error.issues));
  await admitProjectCreation(user.id);
  return createProject(parsed.data, { actor: user.email, ownerUserId: user.id });
}
